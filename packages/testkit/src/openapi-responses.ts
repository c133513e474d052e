import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export interface DocumentedAnswer {
  readonly method: string;
  /** The path as the document names it: `/api/v1/notifications/{id}/status`. */
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
}

/** Where the document is registered, so its own `#/components/...` references resolve. */
const DOCUMENT_ID = 'herald-openapi.json';

/**
 * Checks answers against the response schema an OpenAPI 3.1 document gives for their route and
 * status: what a client generated from that document would parse. The check returns every
 * mismatch (an undocumented status is one), so an empty list means the answer conforms.
 */
export function openApiResponseChecker(document: object): (answer: DocumentedAnswer) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  return ({ method, path, status, body }) => {
    const pointer = ['paths', path, method.toLowerCase(), 'responses', String(status)];
    if (!resolves(document, pointer)) return [`${method} ${path} does not document status ${status}`];
    const schemaPointer = [...pointer, 'content', 'application/json', 'schema'];
    const validate = ajv.getSchema(`${DOCUMENT_ID}#/${schemaPointer.map(escapePointer).join('/')}`);
    if (!validate) return [`${method} ${path} ${status} has no JSON schema`];
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''}`);
  };
}

function resolves(document: object, pointer: readonly string[]): boolean {
  let node: unknown = document;
  for (const key of pointer) {
    if (node === null || typeof node !== 'object' || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

/** RFC 6901, then URI-encoded, as a $ref fragment is written. */
function escapePointer(key: string): string {
  return encodeURIComponent(key.replaceAll('~', '~0').replaceAll('/', '~1'));
}
