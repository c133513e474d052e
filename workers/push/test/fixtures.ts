import { randomUUID } from 'node:crypto';
import type { GrpcDevice, GrpcUser } from '@herald/proto';

export function device(overrides: Partial<GrpcDevice>): GrpcDevice {
  return {
    id: randomUUID(),
    kind: 'FCM',
    token: '',
    endpoint: '',
    p256dh: '',
    auth: '',
    valid: true,
    ...overrides,
  };
}

export function user(name: string, devices: GrpcDevice[]): GrpcUser {
  return {
    id: randomUUID(),
    email: `${name}@example.com`,
    name,
    locale: 'en',
    preferences: null,
    devices,
    email_suppressed: false,
  };
}

/** A push queue message (docs/architecture.md, The queue message) for the "order-shipped" template. */
export function queuedMessage(userId: string) {
  return {
    notification_id: randomUUID(),
    request_id: randomUUID(),
    user_id: userId,
    channel: 'push',
    template_code: 'order-shipped',
    template_version: 0,
    locale: '',
    variables: { name: 'Grace' },
    priority: 8,
    correlation_id: randomUUID(),
    attempt: 1,
    created_at: new Date().toISOString(),
  };
}

/** The "order-shipped" push template's published version, as the templates service stores it. */
export const orderShippedTemplate = {
  title: 'Hi {{name}}',
  body: 'Your order has shipped.',
  image_url: 'https://cdn.example.com/box.png',
  link: 'https://example.com/orders/42',
};
