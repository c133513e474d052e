import { loadPushWorkerConfig } from './config';

describe('loadPushWorkerConfig', () => {
  it('defaults to the dev outbox and the dev FCM project', () => {
    expect(loadPushWorkerConfig({})).toMatchObject({
      PORT: 8004,
      PUSH_OUTBOX_DIR: 'var/push',
      FCM_PROJECT_ID: 'herald-dev',
      VAPID_SUBJECT: 'mailto:no-reply@herald.local',
    });
  });

  it('refuses an FCM emulator address that is not host:port', () => {
    expect(() => loadPushWorkerConfig({ FCM_EMULATOR_HOST: 'http://127.0.0.1:9099' })).toThrow(
      /FCM_EMULATOR_HOST/,
    );
  });

  it('refuses half a VAPID key pair', () => {
    expect(() => loadPushWorkerConfig({ VAPID_PUBLIC_KEY: 'public' })).toThrow(/VAPID_PRIVATE_KEY/);
  });

  it('requires VAPID keys in production when push goes out for real', () => {
    expect(() =>
      loadPushWorkerConfig({
        NODE_ENV: 'production',
        INTERNAL_TOKEN: 'a-real-secret-token-for-production',
        FCM_CREDENTIALS: '/etc/herald/fcm.json',
      }),
    ).toThrow(/VAPID_PUBLIC_KEY/);
  });

  it('refuses insecure push endpoints in production', () => {
    expect(() =>
      loadPushWorkerConfig({
        NODE_ENV: 'production',
        INTERNAL_TOKEN: 'a-real-secret-token-for-production',
        ALLOW_INSECURE_PUSH_ENDPOINTS: 'true',
      }),
    ).toThrow(/ALLOW_INSECURE_PUSH_ENDPOINTS/);
  });
});
