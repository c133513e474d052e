import { DeliveryRefusedError, DeliveryUnavailableError, type DeliveryError } from '@herald/worker-runtime';

/** nodemailer's codes for failures it detected before the server answered. */
const PERMANENT_LOCAL_CODES: ReadonlySet<string> = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * Classifies a nodemailer failure by its fields: an SMTP 5xx answer is a refusal that will
 * not change, a 4xx answer may pass later, and a connection, timeout or TLS failure says
 * nothing about the mail. Authentication failures are ours to fix, so they stay transient.
 */
export function toDeliveryError(error: unknown): DeliveryError {
  const message = error instanceof Error ? error.message : String(error);
  const { responseCode, code } = smtpFields(error);
  if (code === 'EAUTH') return unavailable(message, error);
  if (responseCode !== undefined)
    return responseCode >= 500 ? refused(message, error) : unavailable(message, error);
  return code !== undefined && PERMANENT_LOCAL_CODES.has(code)
    ? refused(message, error)
    : unavailable(message, error);
}

const refused = (message: string, cause: unknown) => new DeliveryRefusedError(message, {}, { cause });
const unavailable = (message: string, cause: unknown) => new DeliveryUnavailableError(message, {}, { cause });

function smtpFields(error: unknown): { responseCode?: number; code?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const { responseCode, code } = error as { responseCode?: unknown; code?: unknown };
  return {
    responseCode: typeof responseCode === 'number' ? responseCode : undefined,
    code: typeof code === 'string' ? code : undefined,
  };
}
