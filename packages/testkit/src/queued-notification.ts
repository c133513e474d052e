import type { QueuedNotification } from '@herald/contracts';

/**
 * A valid queue message (docs/architecture.md, The queue message): an email of the "welcome"
 * template, version 3, for the same notification every time; `overrides` set the fields a test is
 * about.
 */
export function queuedNotification(overrides: Partial<QueuedNotification> = {}): QueuedNotification {
  return {
    notification_id: '7b0d5c3e-2f4a-4b7e-9c1d-0a1b2c3d4e5f',
    request_id: 'req-1',
    user_id: '1c9f6b52-8d0e-4a7f-b3c2-5e6d7f8a9b0c',
    channel: 'email',
    template_code: 'welcome',
    template_version: 3,
    locale: 'en',
    variables: { name: 'Ada' },
    priority: 5,
    correlation_id: '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
    attempt: 1,
    created_at: '2026-01-02T03:04:05.000Z',
    ...overrides,
  };
}
