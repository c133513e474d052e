import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, type Harness } from './harness/gateway-harness';

const INDEX = '<!doctype html><script type="module" src="/console/assets/index-3f9a.js"></script>';
const SCRIPT = 'console.log("console")';

/** A raw GET, so the path reaches the gateway exactly as written (fetch would resolve "..", encoded or not). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the console at /console', () => {
  const root = mkdtempSync(join(tmpdir(), 'herald-console-'));
  const dist = join(root, 'dist');
  let harness: Harness;
  let url: string;

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'index-3f9a.js'), SCRIPT);
    writeFileSync(join(root, 'secret.txt'), 'not for the browser');
    harness = await startHarness({ CONSOLE_DIR: dist });
    url = harness.url;
  });

  afterAll(async () => {
    await harness?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html, revalidated on every load, under a strict policy', async () => {
    const response = await fetch(`${url}/console`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const host = new URL(url).host;
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; " +
        `font-src 'self'; connect-src 'self' ws://${host} wss://${host}; base-uri 'none'; ` +
        "form-action 'self'; frame-ancestors 'none'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves hashed assets with a year-long immutable cache and the same policy', async () => {
    const response = await fetch(`${url}/console/assets/index-3f9a.js`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(SCRIPT);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it("answers the console's own routes with index.html, so deep links and reloads work", async () => {
    for (const path of ['/console/', '/console/templates/welcome/edit', '/console/notifications?page=2']) {
      const response = await fetch(`${url}${path}`);
      expect({ path, status: response.status, body: await response.text() }).toEqual({
        path,
        status: 200,
        body: INDEX,
      });
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('answers 404 for a missing asset rather than the page', async () => {
    const response = await fetch(`${url}/console/assets/index-0000.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('serves nothing outside its directory', async () => {
    for (const path of ['/console/../secret.txt', '/console/%2e%2e/secret.txt', '/console/..%2fsecret.txt']) {
      const response = await rawGet(url, path);
      expect({ path, leaked: response.body.includes('not for the browser') }).toEqual({
        path,
        leaked: false,
      });
    }
  });

  it('leaves a Host header that is not a host out of the policy', async () => {
    const { hostname, port } = new URL(url);
    const policy = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { hostname, port, path: '/console', headers: { host: "evil; script-src 'unsafe-inline'" } },
        (res) => {
          res.resume();
          resolve(String(res.headers['content-security-policy']));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(policy).toContain("connect-src 'self'; ");
    expect(policy).not.toContain('unsafe-inline');
  });

  it('answers 503 with what to run when the console is not built', async () => {
    const unbuilt = await harness.startGateway({ CONSOLE_DIR: join(root, 'missing') });
    const response = await fetch(`${unbuilt}/console/templates`);
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/^The console is not built: run .*npm run build/);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
