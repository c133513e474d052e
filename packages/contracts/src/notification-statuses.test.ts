import { NOTIFICATION_STATUSES, isSettled, isUnsettled } from './notification-statuses';

describe('notification statuses', () => {
  it('finds every status either settled or on its way, never both', () => {
    for (const status of NOTIFICATION_STATUSES) expect(isSettled(status)).toBe(!isUnsettled(status));
  });

  it('finds a string off the wire that is no status neither settled nor on its way', () => {
    for (const status of ['', 'SOFT_BOUNCED', 'delivered']) {
      expect(isSettled(status)).toBe(false);
      expect(isUnsettled(status)).toBe(false);
    }
  });
});
