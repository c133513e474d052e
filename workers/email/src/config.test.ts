import { bounceDomainOf, loadEmailWorkerConfig } from './config';

describe('loadEmailWorkerConfig', () => {
  it('defaults to the dev outbox and the documented ports', () => {
    const config = loadEmailWorkerConfig({});

    expect(config).toMatchObject({
      PORT: 8003,
      SMTP_URL: [],
      MAIL_FROM: 'Herald <no-reply@herald.local>',
      OUTBOX_DIR: 'var/outbox',
      NOTIFICATIONS_GRPC: '127.0.0.1:50053',
      PREFETCH: 100,
      MAX_ATTEMPTS: 5,
    });
  });

  it('reads SMTP_URL as a failover list', () => {
    const config = loadEmailWorkerConfig({ SMTP_URL: 'smtp://a.example:25, smtps://user:pw@b.example:465' });

    expect(config.SMTP_URL).toEqual(['smtp://a.example:25', 'smtps://user:pw@b.example:465']);
  });

  it('names SMTP_URL, without echoing its credentials, when an entry is not an SMTP URL', () => {
    expect(() =>
      loadEmailWorkerConfig({ SMTP_URL: 'smtp://a.example, http://user:secret@b.example' }),
    ).toThrow(
      'invalid configuration: SMTP_URL is invalid: entry 2 must be a URL with protocol smtp or smtps',
    );
  });

  it('refuses a gRPC address that is not host:port', () => {
    expect(() => loadEmailWorkerConfig({ USERS_GRPC: 'http://users:50051' })).toThrow('USERS_GRPC');
  });

  it('reads RETRY_STEPS_MS as milliseconds and leaves the default schedule when unset', () => {
    expect(loadEmailWorkerConfig({ RETRY_STEPS_MS: '200, 400' }).RETRY_STEPS_MS).toEqual([200, 400]);
    expect(loadEmailWorkerConfig({}).RETRY_STEPS_MS).toBeUndefined();
    expect(() => loadEmailWorkerConfig({ RETRY_STEPS_MS: '1s,5s' })).toThrow(/RETRY_STEPS_MS/);
  });

  it('runs no bounce listener unless BOUNCE_SMTP_PORT is set, and signs for the domain of MAIL_FROM by default', () => {
    const config = loadEmailWorkerConfig({
      MAIL_FROM: 'Shop <news@Shop.Example>',
      BOUNCE_SMTP_PORT: '',
      BOUNCE_DOMAIN: '',
    });
    expect(config.BOUNCE_SMTP_PORT).toBeUndefined();
    expect(bounceDomainOf(config)).toBe('shop.example');
    const listening = loadEmailWorkerConfig({
      BOUNCE_SMTP_PORT: '2525',
      BOUNCE_DOMAIN: 'Bounces.Shop.Example',
    });
    expect(listening.BOUNCE_SMTP_PORT).toBe(2525);
    expect(bounceDomainOf(listening)).toBe('bounces.shop.example');
    expect(() => loadEmailWorkerConfig({ BOUNCE_DOMAIN: 'not a domain' })).toThrow(/BOUNCE_DOMAIN/);
  });

  it('refuses the development bounce secret in production', () => {
    const production = {
      NODE_ENV: 'production',
      INTERNAL_TOKEN: 'a-real-internal-token',
      UNSUBSCRIBE_SECRET: 'a-real-secret-of-thirty-two-characters!!',
      PUBLIC_URL: 'https://herald.example',
    };
    expect(() => loadEmailWorkerConfig(production)).toThrow(/BOUNCE_SECRET .*production/);
    expect(
      loadEmailWorkerConfig({ ...production, BOUNCE_SECRET: 'a-real-bounce-secret' }).BOUNCE_SECRET,
    ).toBe('a-real-bounce-secret');
  });

  it('refuses the development unsubscribe secret and a plain-http PUBLIC_URL in production', () => {
    const production = {
      NODE_ENV: 'production',
      INTERNAL_TOKEN: 'a-real-internal-token',
      BOUNCE_SECRET: 'a-real-bounce-secret',
    };
    expect(() => loadEmailWorkerConfig({ ...production, PUBLIC_URL: 'https://herald.example' })).toThrow(
      /UNSUBSCRIBE_SECRET .*production/,
    );
    const secret = { ...production, UNSUBSCRIBE_SECRET: 'a-real-secret-of-thirty-two-characters!!' };
    expect(() => loadEmailWorkerConfig({ ...secret, PUBLIC_URL: 'http://herald.example' })).toThrow(
      /PUBLIC_URL/,
    );
    expect(loadEmailWorkerConfig({ ...secret, PUBLIC_URL: 'https://herald.example' }).PUBLIC_URL).toBe(
      'https://herald.example',
    );
  });
});
