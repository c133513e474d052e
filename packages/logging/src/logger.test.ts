import { Writable } from 'node:stream';
import { runWithContext } from './log-context';
import { createLogger, maskUrlCredentials } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      raw.push(chunk.toString());
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { lines, raw, log: createLogger({ service: 'test', destination }) };
}

describe('createLogger', () => {
  it('writes JSON lines with the service and the correlation id of the current context', () => {
    const { lines, log } = capture();
    runWithContext({ correlation_id: 'c-1', notification_id: 'n-1' }, () => log.info('accepted'));
    expect(lines[0]).toMatchObject({
      service: 'test',
      correlation_id: 'c-1',
      notification_id: 'n-1',
      message: 'accepted',
      level: 'info',
    });
  });

  it('writes the correlation id once when a child logger already carries it', () => {
    const { raw, log } = capture();
    runWithContext({ correlation_id: 'c-2' }, () => log.child({ correlation_id: 'c-2' }).info('consumed'));
    expect(raw[0]?.match(/correlation_id/g)).toHaveLength(1);
  });

  it('never writes passwords, tokens or authorization headers', () => {
    const { lines, log } = capture();
    log.info(
      { password: 'hunter22', user: { token: 'abc' }, headers: { authorization: 'Bearer xyz' } },
      'login',
    );
    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/hunter22|abc|xyz/);
  });

  it('never writes API keys, internal tokens, SMTP or push credentials, top level or one level down', () => {
    const { raw, log } = capture();
    log.info(
      {
        apiKey: 'hk_live_1',
        config: { INTERNAL_TOKEN: 'int-tok-2', SMTP_URL: 'smtp://u:p@h', HERALD_ADMIN_API_KEY: 'adm-3' },
        headers: { 'x-api-key': 'hk_live_4', 'x-internal-token': 'int-tok-5' },
        auth: { user: 'mailer', pass: 'smtp-pass-6' },
        device: { p256dh: 'push-key-7', auth: 'push-auth-8' },
        VAPID_PRIVATE_KEY: 'vapid-9',
      },
      'started',
    );
    expect(raw[0]).not.toMatch(/hk_live|int-tok|smtp:\/\/u:p|adm-3|smtp-pass|push-key|push-auth|vapid-9/);
    expect(raw[0]).toContain('[redacted]');
  });

  it('redacts headers two levels down, and leaves the rest and the logged object as they were', () => {
    const { lines, log } = capture();
    const logged = { request: { headers: { authorization: 'Bearer deep-1', accept: 'json' } }, id: 'n-1' };
    log.child({ correlation_id: 'c-3' }).info(logged, 'forwarded');
    expect(JSON.stringify(lines[0])).not.toMatch(/deep-1/);
    expect(lines[0]).toMatchObject({ request: { headers: { accept: 'json' } }, id: 'n-1' });
    expect(logged.request.headers.authorization).toBe('Bearer deep-1');
  });

  it('masks the password of a connection URL anywhere in a line: message, field or error', () => {
    const { raw, log } = capture();
    log.error(
      {
        err: new Error('connect failed for smtp://mailer:s3cret@smtp.example.com:587'),
        target: 'amqp://guest:guest@rabbit:5672/',
      },
      'cannot reach smtps://mailer:s3cret@smtp.example.com',
    );
    expect(raw[0]).not.toContain('s3cret');
    expect(raw[0]).not.toContain('guest:guest');
    expect(raw[0]).toContain('smtps://mailer:[redacted]@smtp.example.com');
    expect(raw[0]).toContain('amqp://guest:[redacted]@rabbit:5672/');
  });
});

describe('maskUrlCredentials', () => {
  it('keeps the user and host, and replaces only the password', () => {
    expect(maskUrlCredentials('postgres://herald:pw@db:5432/herald_users')).toBe(
      'postgres://herald:[redacted]@db:5432/herald_users',
    );
  });

  it('leaves URLs without a password, and host:port pairs, as they are', () => {
    const text = 'smtp://smtp.example.com:587 amqp://rabbit:5672 user@example.com http://user@host/';
    expect(maskUrlCredentials(text)).toBe(text);
  });
});
