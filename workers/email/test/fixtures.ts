import { randomUUID } from 'node:crypto';
import type { GrpcUser } from '@herald/proto';

/** The recipient every email worker test sends to. */
export const ada: GrpcUser = {
  id: randomUUID(),
  email: 'ada@example.com',
  name: 'Ada',
  locale: 'en',
  preferences: null,
  devices: [],
  email_suppressed: false,
};

/** A second recipient, whose preferences a test changes (the fake users service reads them at each GetUser). */
export const grace: GrpcUser = {
  id: randomUUID(),
  email: 'grace@example.com',
  name: 'Grace',
  locale: 'en',
  preferences: { email: true, push: true, opted_out_categories: [], quiet_hours: null },
  devices: [],
  email_suppressed: false,
};

/** The "welcome" template's version 1, as the templates service stores it: it needs `name`. */
export const welcomeTemplate = {
  subject: 'Welcome, {{name}}',
  body: 'Hello {{name}}, welcome to Herald.',
  body_html: '<p>Hello <b>{{name}}</b>, welcome to Herald.</p>',
};

/** A queue message (docs/architecture.md, The queue message) for ada, to override field by field. */
export function queuedMessage(overrides: Record<string, unknown> = {}) {
  return {
    notification_id: randomUUID(),
    request_id: randomUUID(),
    user_id: ada.id,
    channel: 'email',
    template_code: 'welcome',
    template_version: 1,
    locale: 'en',
    variables: { name: 'Ada Lovelace' },
    priority: 5,
    correlation_id: randomUUID(),
    attempt: 1,
    created_at: new Date().toISOString(),
    ...overrides,
  };
}
