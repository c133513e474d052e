import { createLogger } from '@herald/logging';
import type { Recipient } from '../src/delivery-channel';

/** The logger the runtime's tests hand to what they test: it writes nothing. */
export const silentLog = createLogger({ service: 'delivery-test', level: 'silent' });

/** The recipient the runtime's tests deliver to: every channel on, no category opted out, not suppressed. */
export const ada: Recipient = {
  id: 'user-1',
  email: 'ada@example.com',
  name: 'Ada',
  locale: 'en',
  devices: [],
  preferences: { email: true, push: true, optedOutCategories: [] },
  emailSuppressed: false,
};
