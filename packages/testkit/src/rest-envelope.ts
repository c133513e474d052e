import { z } from 'zod';
import { openApiResponseChecker } from './openapi-responses';

/** The original task's PaginationMeta, key for key. */
export const paginationMetaSchema = z.strictObject({
  total: z.number().int().min(0),
  limit: z.number().int().min(0),
  page: z.number().int().min(1),
  total_pages: z.number().int().min(0),
  has_next: z.boolean(),
  has_previous: z.boolean(),
});

/**
 * Every REST answer as the original task types it (docs/architecture.md, The public API):
 * `error` a string code, `meta` a PaginationMeta, success exactly when there is no error.
 * `details` is Herald's one extra key, on errors only (decision 0018).
 */
export const restEnvelopeSchema = z
  .strictObject({
    success: z.boolean(),
    data: z.unknown(),
    error: z
      .string()
      .regex(/^[A-Z_]+$/)
      .nullable(),
    message: z.string().min(1),
    meta: paginationMetaSchema,
    details: z
      .strictObject({
        fields: z.array(z.strictObject({ field: z.string(), message: z.string() })).optional(),
        correlation_id: z.string().optional(),
      })
      .optional(),
  })
  .refine((envelope) => envelope.success === (envelope.error === null), 'success iff no error')
  .refine((envelope) => envelope.success || envelope.data === null, 'no data on an error')
  .refine((envelope) => envelope.success || envelope.meta.total === 0, 'an error holds no object')
  .refine((envelope) => !envelope.success || envelope.details === undefined, 'details only on errors');

export type RestEnvelope = z.infer<typeof restEnvelopeSchema>;

/** Decision 0018: an answer that is not a list is a page of limit 1, holding its one object… */
export const ONE_OBJECT_META = {
  total: 1,
  limit: 1,
  page: 1,
  total_pages: 1,
  has_next: false,
  has_previous: false,
} as const;
/** …or, on an error, none. */
export const ERROR_META = { ...ONE_OBJECT_META, total: 0, total_pages: 0 } as const;

/** The issues that keep an answer from being the envelope; empty when it is one. */
export function restEnvelopeIssues(body: unknown): string[] {
  const parsed = restEnvelopeSchema.safeParse(body);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
}

/**
 * Checks an answer as a client would parse it: generated from the original contract (the
 * envelope) or from the served OpenAPI document (the schema of its route and status). `route` is
 * `METHOD /path/as/{documented}`. Empty when both parse it.
 */
export function restContractChecker(
  openApiDocument: object,
): (route: string, answer: { status: number; body: unknown }) => string[] {
  const documented = openApiResponseChecker(openApiDocument);
  return (route, { status, body }) => {
    const [method = '', path = ''] = route.split(' ');
    return [...restEnvelopeIssues(body), ...documented({ method, path, status, body })];
  };
}
