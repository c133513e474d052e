import { queuedNotification } from '@herald/testkit';
import { parseQueuedNotification } from './queue-message';

const valid = queuedNotification();

describe('parseQueuedNotification', () => {
  it('accepts the documented queue message and keeps fields it does not know', () => {
    expect(parseQueuedNotification({ ...valid, category: 'marketing' }, 'email')).toEqual({
      ...valid,
      category: 'marketing',
    });
  });

  it('names every bad field in one line', () => {
    expect(() => parseQueuedNotification({ ...valid, notification_id: 'nope', attempt: 0 }, 'email')).toThrow(
      /notification_id: .*; attempt: /,
    );
  });

  it('refuses a message meant for another channel', () => {
    expect(() => parseQueuedNotification(valid, 'push')).toThrow('channel: expected "push", got "email"');
  });
});
