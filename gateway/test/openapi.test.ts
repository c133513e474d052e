import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { request, startHarness, type Harness } from './harness/gateway-harness';

type Json = Record<string, unknown>;

/** Every $ref in the document, so each can be checked to resolve. */
function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.push(child);
      else refsIn(child, found);
    }
  }
  return found;
}

describe('the OpenAPI document and Swagger UI', () => {
  let harness: Harness;
  let document: Json;

  beforeAll(async () => {
    harness = await startHarness();
    const response = await request<Json>(`${harness.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    document = response.body;
  });

  afterAll(() => harness?.stop());

  const validate = (candidate: unknown) => {
    const validation = spawnSync(process.execPath, [join(__dirname, 'harness', 'validate-openapi.mjs')], {
      input: JSON.stringify(candidate),
      encoding: 'utf8',
    });
    expect(validation.status).toBe(0);
    return JSON.parse(validation.stdout) as { valid: boolean; errors: unknown };
  };

  it('validates against the official OpenAPI 3.1 schema', () => {
    expect(validate(document)).toEqual({ valid: true, errors: null });
    // The validator itself is not lenient: a damaged copy fails.
    expect(validate({ ...document, paths: { '/x': { get: { responses: 'none' } } } }).valid).toBe(false);
  });

  it('is an OpenAPI 3.1 document in structure', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const paths = document.paths as Record<string, Record<string, Json>>;
    for (const [path, item] of Object.entries(paths)) {
      expect(path.startsWith('/')).toBe(true);
      for (const [method, operation] of Object.entries(item)) {
        expect(['get', 'post', 'put', 'patch', 'delete']).toContain(method);
        expect(typeof operation.operationId).toBe('string');
        const responses = operation.responses as Record<string, Json>;
        expect(Object.keys(responses).length).toBeGreaterThan(0);
        for (const [status, response] of Object.entries(responses)) {
          expect(status).toMatch(/^[1-5]\d\d$/);
          expect(typeof response.description).toBe('string');
        }
      }
    }
    const operationIds = Object.values(paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );
    expect(new Set(operationIds).size).toBe(operationIds.length);
    const schemas = (document.components as { schemas: Json }).schemas;
    for (const ref of refsIn(document)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(schemas[ref.replace('#/components/schemas/', '')]).toBeDefined();
    }
    // JSON Schema 2020-12 is the 3.1 dialect; no per-schema dialect and no 3.0 `nullable`.
    expect(JSON.stringify(document)).not.toMatch(/"\$schema"|"nullable"/);
  });

  it('types every answer as the original envelope: meta always a PaginationMeta, error a string code', () => {
    const schemas = (document.components as { schemas: Record<string, Json> }).schemas;
    const resolve = (schema: Json) =>
      typeof schema.$ref === 'string'
        ? (schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {})
        : schema;
    const paths = document.paths as Record<string, Record<string, { responses: Record<string, Json> }>>;
    const answers = Object.values(paths).flatMap((item) =>
      Object.values(item).flatMap((operation) => Object.entries(operation.responses)),
    );
    expect(answers.length).toBeGreaterThan(50);
    for (const [status, response] of answers) {
      const content = response.content as Record<string, { schema: Json }>;
      const envelope = resolve(content['application/json']?.schema ?? {});
      const properties = envelope.properties as Record<string, Json>;
      expect({ status, required: envelope.required, meta: properties.meta }).toEqual({
        status,
        required: ['success', 'data', 'error', 'message', 'meta'],
        meta: { $ref: '#/components/schemas/PaginationMeta' },
      });
      expect(properties.error).toEqual(
        status.startsWith('2')
          ? { type: 'null' }
          : expect.objectContaining({ type: 'string', enum: expect.arrayContaining(['BAD_USER_INPUT']) }),
      );
    }
    expect(
      Object.keys(resolve({ $ref: '#/components/schemas/PaginationMeta' }).properties as Json).sort(),
    ).toEqual(['has_next', 'has_previous', 'limit', 'page', 'total', 'total_pages']);
  });

  it('lists every route of the REST shim', () => {
    const paths = document.paths as Record<string, Json>;
    const routes = Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        'POST /api/v1/notifications/',
        'GET /api/v1/notifications/',
        'GET /api/v1/notifications/{id}/status',
        'POST /api/v1/notifications/replay',
        'POST /api/v1/users/',
        'POST /api/v1/auth/login',
        'POST /api/v1/email/status/',
        'POST /api/v1/push/status/',
        'GET /api/v1/suppressions',
        'DELETE /api/v1/suppressions/{user_id}',
      ].sort(),
    );
  });

  it('documents the notification payload from the schema the shim validates with', () => {
    const schema = (document.components as { schemas: Record<string, Json> }).schemas.SendNotificationRequest;
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(Object.keys(schema?.properties as Json).sort()).toEqual(
      [
        'metadata',
        'notification_type',
        'priority',
        'request_id',
        'template_code',
        'user_id',
        'variables',
      ].sort(),
    );
    expect((schema?.required as string[]).sort()).toEqual([
      'notification_type',
      'request_id',
      'template_code',
      'user_id',
    ]);
  });

  it('serves Swagger UI from the npm package, without a CDN', async () => {
    const page = await fetch(`${harness.url}/api/docs/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${harness.url}/api/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    await bundle.body?.cancel();
    const init = await (await fetch(`${harness.url}/api/docs/init.js`)).text();
    expect(init).toContain('/api/openapi.json');
    const redirect = await fetch(`${harness.url}/api/docs`, { redirect: 'manual' });
    expect(redirect.headers.get('location')).toBe('/api/docs/');
  });
});
