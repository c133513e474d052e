import { randomUUID } from 'node:crypto';
import { createUnsubscribeTokenCodec } from '@herald/contracts';
import { sample, startHarness, UNSUBSCRIBE_SECRET, type Harness } from './harness/gateway-harness';

const tokens = createUnsubscribeTokenCodec(UNSUBSCRIBE_SECRET);
const ONE_CLICK = { 'content-type': 'application/x-www-form-urlencoded' };

describe('one-click unsubscribe (RFC 8058)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(() => harness?.stop());

  const post = (token: string, body = 'List-Unsubscribe=One-Click') =>
    fetch(`${harness.url}/unsubscribe/${token}`, { method: 'POST', headers: ONE_CLICK, body });

  it('opts the user out of the category on POST, without a login, and again answers 200', async () => {
    const userId = randomUUID();
    const token = tokens.mint({ userId, category: 'weekly-digest' });

    const first = await post(token);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('You will no longer receive “weekly-digest” email');
    expect(harness.unsubscribed.has(`${userId} weekly-digest`)).toBe(true);
    expect((await post(token)).status).toBe(200);
  });

  it('opts the user out of all email for mail without a category', async () => {
    const userId = randomUUID();
    expect((await post(tokens.mint({ userId, category: null }))).status).toBe(200);
    expect(harness.unsubscribed.has(`${userId} `)).toBe(true);
  });

  it('only shows a confirmation page with a button on GET, under a strict CSP and without script', async () => {
    const userId = randomUUID();
    const response = await fetch(`${harness.url}/unsubscribe/${tokens.mint({ userId, category: 'news' })}`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toContain('<form method="post" action="">');
    expect(html).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(html).not.toMatch(/<script|style=|<style/i);
    expect([...harness.unsubscribed].some((entry) => entry.startsWith(userId))).toBe(false);
  });

  it('refuses a tampered or made-up token with 404 and a page that says no more', async () => {
    const token = tokens.mint({ userId: randomUUID(), category: 'news' });
    const bytes = Buffer.from(token, 'base64url');
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0x20;
    const tampered = bytes.toString('base64url');
    const foreign = createUnsubscribeTokenCodec('another-secret-of-at-least-thirty-two-chars').mint({
      userId: randomUUID(),
      category: 'news',
    });
    const before = harness.unsubscribed.size;

    for (const bad of [tampered, foreign, 'made-up']) {
      const posted = await post(bad);
      expect(posted.status).toBe(404);
      expect(await posted.text()).toContain('This unsubscribe link is not valid.');
      expect((await fetch(`${harness.url}/unsubscribe/${bad}`)).status).toBe(404);
    }
    expect(harness.unsubscribed.size).toBe(before);
    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    expect(
      sample(metrics, 'herald_gateway_unsubscribe_requests_total', { outcome: 'invalid' }),
    ).toBeGreaterThanOrEqual(6);
  });

  it('answers a POST without the one-click body with 400 and unsubscribes nobody', async () => {
    const userId = randomUUID();
    const response = await post(tokens.mint({ userId, category: 'news' }), 'something=else');
    expect(response.status).toBe(400);
    expect([...harness.unsubscribed].some((entry) => entry.startsWith(userId))).toBe(false);
  });
});
