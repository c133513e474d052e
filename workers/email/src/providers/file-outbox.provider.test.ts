import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileOutboxProvider } from './file-outbox.provider';

describe('createFileOutboxProvider', () => {
  let dir: string;

  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'herald-outbox-')), 'outbox');
  });

  afterEach(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('writes one .eml per notification, creating the directory, and overwrites it on a resend', async () => {
    const provider = createFileOutboxProvider(dir, 'Herald <no-reply@herald.local>');
    const message = {
      notificationId: '7b0d5c3e-2f4a-4b7e-9c1d-0a1b2c3d4e5f',
      to: 'ada@example.com',
      returnPath: 'bounces+1@bounces.herald.local',
      feedbackToken: 'token-1',
      subject: 'Welcome, Ada',
      text: 'Hello Ada',
      html: '<p>Hello Ada</p>',
    };

    const sent = await provider.send(message);
    await provider.send(message);

    expect(sent.messageId).toBe('<7b0d5c3e-2f4a-4b7e-9c1d-0a1b2c3d4e5f@herald.local>');
    expect(await readdir(dir)).toEqual(['7b0d5c3e-2f4a-4b7e-9c1d-0a1b2c3d4e5f.eml']);
    const eml = await readFile(join(dir, '7b0d5c3e-2f4a-4b7e-9c1d-0a1b2c3d4e5f.eml'), 'utf8');
    expect(eml).toContain('To: ada@example.com\r\n');
    expect(eml).toContain('Subject: Welcome, Ada\r\n');
    expect(eml).toContain('Message-ID: <7b0d5c3e-2f4a-4b7e-9c1d-0a1b2c3d4e5f@herald.local>');
    expect(eml).toContain('Content-Type: text/html');
    expect(eml).toContain('X-Herald-Feedback-ID: token-1\r\n');
  });

  it('writes Reply-To, and List-Unsubscribe with the one-click header (RFC 8058)', async () => {
    const provider = createFileOutboxProvider(dir, 'Herald <no-reply@herald.local>');

    await provider.send({
      notificationId: 'n-2',
      to: 'ada@example.com',
      returnPath: 'bounces+2@bounces.herald.local',
      feedbackToken: 'token-2',
      subject: 'News',
      text: 'Hello',
      replyTo: 'support@herald.local',
      listUnsubscribe: 'https://herald.local/unsubscribe/opaque-token',
    });

    const eml = await readFile(join(dir, 'n-2.eml'), 'utf8');
    expect(eml).toContain('Reply-To: support@herald.local\r\n');
    expect(eml).toContain('List-Unsubscribe: <https://herald.local/unsubscribe/opaque-token>\r\n');
    expect(eml).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n');
  });
});
