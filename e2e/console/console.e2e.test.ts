import { randomUUID } from 'node:crypto';
import { waitFor } from '@herald/testkit';
import type { Browser, Locator, Page } from 'playwright-core';
import { heraldClient } from '../gateway-client';
import { readSystemState } from '../system-state';
import { launchChromium, openPage, screenshot } from './browser';

const state = readSystemState();
const consoleUrl = `${state.gatewayUrl}/console`;
const admin = heraldClient(state);
const PASSWORD = 'correct horse battery';

/** Polls a condition in the page to a deadline (the preview is debounced, deliveries take moments). */
async function until(description: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  await waitFor(check, { timeoutMs, description });
}

/** What the tab keeps: [localStorage entries, sessionStorage entries]. */
const storedEntries = (page: Page) => page.evaluate('[localStorage.length, sessionStorage.length]');

const invalid = async (field: Locator) => (await field.getAttribute('aria-invalid')) === 'true';

async function signInWithKey(page: Page, key: string): Promise<void> {
  await page.goto(consoleUrl);
  await fillSignInWithKey(page, key);
}

/** Signs in on the sign-in page already shown, without loading the app again. */
async function fillSignInWithKey(page: Page, key: string): Promise<void> {
  await page.getByRole('radio', { name: 'An API key' }).check();
  await page.getByLabel('API key', { exact: true }).fill(key);
  // Kept in the tab's sessionStorage, so the tests may open an address directly.
  await page.getByLabel('Stay signed in in this tab (until it is closed)').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The Herald Console in Debian's Chromium against the whole running system. */
describe('the console in a browser', () => {
  const suffix = randomUUID().slice(0, 8);
  const email = `ada.${suffix}@example.com`;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let recipientId: string;
  let deliveredId: string;

  beforeAll(async () => {
    const user = await admin.users.create({ name: 'Ada Console', email, password: PASSWORD });
    recipientId = user.id;
    browser = await launchChromium();
    ({ page, problems } = await openPage(browser));
  });

  afterAll(async () => {
    await browser?.close();
    await admin.close();
  });

  afterEach(() => {
    // Every screen runs under the gateway's strict CSP without a refused script or style.
    expect(problems).toEqual([]);
  });

  it('refuses a credential the gateway does not accept, and says so', async () => {
    await signInWithKey(page, 'not-a-herald-key');

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('UNAUTHENTICATED');
    expect(await page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    await screenshot(page, 'sign-in-refused');
  });

  it('signs in with email and password, keeps the JWT in the tab only, and signs out', async () => {
    await page.goto(consoleUrl);
    await screenshot(page, 'sign-in');
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Stay signed in in this tab (until it is closed)').check();
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByText(`Signed in as ${email}`).waitFor();
    expect(await storedEntries(page)).toEqual([0, 1]);
    await page.reload();
    await page.getByText(`Signed in as ${email}`).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await storedEntries(page)).toEqual([0, 0]);
  });

  it('signs in with the admin key and lists notifications', async () => {
    await signInWithKey(page, state.adminApiKey);

    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    await page.getByRole('button', { name: 'Apply filters' }).waitFor();
  });

  it('previews a new template as it is typed, with refusals at their fields, and creates it', async () => {
    const code = `console-${suffix}`;
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('link', { name: 'New template' }).click();
    await page.getByLabel('Code').fill(code);
    const subject = page.getByLabel('Subject');
    await subject.fill('Hello {{name}}');
    await page.getByLabel('Text body').fill('Your order {{order}} is on its way.');

    // Missing variables: named at the fields that use them, and offered in the variables form.
    await until('the subject marked as needing a variable', () => invalid(subject));
    const name = page.getByLabel('name', { exact: true });
    expect(await invalid(name)).toBe(true);

    await name.fill('Ada');
    await page.getByLabel('order', { exact: true }).fill('A-17');
    const renderedSubject = page.getByTestId('rendered-subject');
    await until('the preview of the filled variables', async () =>
      (await renderedSubject.isVisible()) ? (await renderedSubject.textContent()) === 'Hello Ada' : false,
    );
    expect(await invalid(subject)).toBe(false);
    expect(await page.getByTestId('rendered-body').textContent()).toContain('Your order A-17 is on its way.');

    // Typing goes on: the preview follows.
    await subject.press('End');
    await subject.pressSequentially(', welcome back');
    let shown: string | null = null;
    await until('the preview to follow the typing', async () => {
      shown = await renderedSubject.textContent();
      return shown === 'Hello Ada, welcome back';
    }).catch(async (error: unknown) => {
      await screenshot(page, 'template-editor-failed');
      throw new Error(
        `${String(error)}; the preview shows ${shown}, the subject is ${await subject.inputValue()}`,
      );
    });
    await screenshot(page, 'template-editor');

    const link = page.getByLabel('Link');
    await link.fill('http://example.com/orders');
    await until('the unsafe link refused at its field', () => invalid(link));
    await link.fill('https://example.com/orders/{{order}}');
    await until('the link accepted', async () => !(await invalid(link)));

    await page.getByRole('button', { name: 'Create template' }).click();
    await page.getByRole('heading', { name: `Template ${code}` }).waitFor();
    const created = await admin.templates.get(code);
    expect(created?.versions[0]).toMatchObject({
      subject: 'Hello {{name}}, welcome back',
      link: 'https://example.com/orders/{{order}}',
      published: true,
    });
  }, 90_000);

  it('publishes a new version and rolls back to the first', async () => {
    const code = `console-${suffix}`;
    await page.getByLabel('Subject').fill('Hi again {{name}}');
    await page.getByLabel('Publish it at once (it becomes the active version of its locale)').check();
    await page.getByRole('button', { name: 'Save version' }).click();
    await page.getByText('Saved as version 2, published.').waitFor();

    await page.getByRole('button', { name: 'Roll back to v1' }).click();
    await page.getByRole('button', { name: 'Publish v2' }).waitFor();
    const template = await admin.templates.get(code);
    expect(template?.versions.find((version) => version.published)?.number).toBe(1);
    await screenshot(page, 'template');
  });

  it('sends a test notification from the template and shows its timeline reach DELIVERED live', async () => {
    await page.getByLabel('Recipient user id').fill(recipientId);
    // A few seconds ahead, so the page is open before the notification goes out.
    const sendAt = await page.evaluate(() => {
      const at = new Date(Date.now() + 5_000);
      const pad = (value: number) => String(value).padStart(2, '0');
      return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
    });
    await page.getByLabel('Send at (optional)').fill(sendAt);
    await page.getByLabel('Variables (JSON)').fill('{"name": "Ada", "order": "A-17"}');
    await page.getByRole('button', { name: 'Send test' }).click();

    await page.getByRole('heading', { name: 'Notification', exact: true }).waitFor();
    const id = page.url().split('/').at(-1) ?? '';
    deliveredId = id;
    // Set in the page now: still there at the end only if the page never reloaded.
    await page.evaluate("window.heraldTestMarker = 'same page'");
    const status = page.getByTestId('notification-status');
    expect(await status.textContent()).toContain('SCHEDULED');

    await until(
      'the timeline to reach DELIVERED',
      async () => (await status.textContent())?.includes('DELIVERED') ?? false,
      40_000,
    );
    const timeline = await page.getByRole('list', { name: 'Status changes, oldest first' }).textContent();
    expect(timeline).toMatch(/SCHEDULED.*QUEUED.*DELIVERED/s);
    expect(await page.evaluate('window.heraldTestMarker')).toBe('same page');
    expect((await admin.notifications.get(id))?.status).toBe('DELIVERED');
    await page.getByTestId('rendered-subject').waitFor();
    expect(await page.getByTestId('rendered-subject').textContent()).toBe('Hello Ada, welcome back');
    await screenshot(page, 'notification');
  }, 90_000);

  it('replays a failed notification from the dead letters', async () => {
    const reason = `console-${suffix} mailbox gone`;
    const id = await failedNotification(recipientId, suffix, reason);

    await page.getByRole('link', { name: 'Dead letters' }).click();
    await page.getByRole('heading', { name: 'Dead letters' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: reason });
    await row.waitFor();
    await screenshot(page, 'dead-letters');

    await row.getByRole('button', { name: `Replay notification ${id}` }).click();
    await page.getByText(`Replayed notification ${id}.`).waitFor();
    await row.waitFor({ state: 'detached' });
    await until(
      'the replayed notification delivered',
      async () => (await admin.notifications.get(id))?.status === 'DELIVERED',
      30_000,
    );
  }, 60_000);

  it('shows users, a user with preferences and devices, and saves preferences', async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await screenshot(page, 'users');

    await page.goto(`${consoleUrl}/users/${recipientId}`);
    await page.getByRole('heading', { name: 'Ada Console' }).waitFor();
    await page.getByLabel('Opted-out categories').fill('marketing, digest');
    await page.getByLabel('Start').fill('22:00');
    await page.getByLabel('End').fill('07:00');
    await page.getByLabel('Time zone').fill('Europe/Lisbon');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText('Preferences saved.').waitFor();
    expect((await admin.users.get(recipientId))?.preferences).toMatchObject({
      optedOutCategories: ['marketing', 'digest'],
      quietHours: { start: '22:00', end: '07:00', timezone: 'Europe/Lisbon' },
    });
    await screenshot(page, 'user');
  });

  it('creates an API key, shows its secret once, and revokes it', async () => {
    const name = `console-key-${suffix}`;
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel(/notifications:send/).check();
    await page.getByRole('button', { name: 'Create key' }).click();

    const secret = await page.getByTestId('api-key-secret').textContent();
    expect(secret).toBeTruthy();
    // The secret works: it is a real key.
    expect(await heraldClient(state, { apiKey: secret ?? '' }).users.me()).toBeNull();
    await screenshot(page, 'api-keys');

    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('button', { name: `Revoke ${name}` }).click();
    await page
      .getByRole('row')
      .filter({ hasText: name })
      .getByText(/^Revoked/)
      .waitFor();
    expect(await page.getByTestId('api-key-secret').count()).toBe(0);
  });

  it("shows each service's readiness, the queues and the breakers", async () => {
    await page.getByRole('link', { name: 'System' }).click();
    const services = page.getByRole('table', { name: 'Services and their readiness checks' });
    await services.waitFor();
    for (const service of ['gateway', 'users', 'templates', 'notifications']) {
      await services.getByRole('row').filter({ hasText: service }).first().waitFor();
    }
    await page.getByRole('table', { name: 'Queue depths' }).getByRole('row').nth(1).waitFor();
    await screenshot(page, 'system');
  });

  it('lists templates, and the notifications filtered by user', async () => {
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('link', { name: `console-${suffix}` }).waitFor();
    await screenshot(page, 'templates');

    await page.getByRole('link', { name: 'Notifications' }).click();
    await page.getByLabel('User id').fill(recipientId);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('Page 1 of 1 (2 in all)').waitFor();
    expect(page.url()).toContain(`user=${recipientId}`);
    await screenshot(page, 'notifications');
  });

  it("watches live again after a sign-out and a new sign-in (the old session's client is closed)", async () => {
    const live = page.getByText('Live', { exact: true });
    await page.goto(`${consoleUrl}/notifications/${deliveredId}`);
    await live.waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();

    // The same page, the same app: only the session changes.
    await page.evaluate("window.heraldTestMarker = 'same app'");
    await fillSignInWithKey(page, state.adminApiKey);
    await page.getByRole('link', { name: 'Notifications' }).click();
    await page.getByLabel('User id').fill(recipientId);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('Page 1 of 1 (2 in all)').waitFor();
    await page.getByRole('row').nth(1).getByRole('link').click();
    await live.waitFor();
    expect(await page.evaluate('window.heraldTestMarker')).toBe('same app');
  });
});

/**
 * A notification FAILED by a provider's callback while it waited for a sendAt a day ahead, so no
 * worker delivers it first (as e2e/replay.e2e.test.ts makes them).
 */
async function failedNotification(userId: string, suffix: string, reason: string): Promise<string> {
  const templateCode = `console-replay-${suffix}`;
  await admin.templates.create({
    code: templateCode,
    channel: 'EMAIL',
    subject: 'Hi {{name}}',
    body: 'Hello {{name}}.',
  });
  const { notification } = await admin.notifications.send({
    channel: 'EMAIL',
    userId,
    templateCode,
    variables: { name: 'Ada' },
    sendAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const { secret } = await admin.apiKeys.create(`console-status-${randomUUID().slice(0, 8)}`, [
    'notifications:status',
  ]);
  const report = await fetch(`${state.gatewayUrl}/api/v1/email/status/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': secret },
    body: JSON.stringify({ notification_id: notification.id, status: 'failed', error: reason }),
  });
  expect(report.status).toBe(200);
  return notification.id;
}
