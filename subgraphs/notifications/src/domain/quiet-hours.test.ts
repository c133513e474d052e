import { quietHoursEnd } from './quiet-hours';

const berlinNights = { start: '22:00', end: '07:00', timezone: 'Europe/Berlin' };

describe('quietHoursEnd', () => {
  it('ends a window spanning midnight on the next local morning', () => {
    // 23:30 in Berlin (UTC+1 in January).
    expect(quietHoursEnd(new Date('2025-01-10T22:30:00Z'), berlinNights)).toEqual(
      new Date('2025-01-11T06:00:00Z'),
    );
  });

  it('ends the window the same morning after midnight', () => {
    expect(quietHoursEnd(new Date('2025-01-11T02:00:00Z'), berlinNights)).toEqual(
      new Date('2025-01-11T06:00:00Z'),
    );
  });

  it('follows daylight saving time', () => {
    // 23:00 in Berlin on 29 March 2025 (UTC+1); the window ends at 07:00 UTC+2 after the change.
    expect(quietHoursEnd(new Date('2025-03-29T22:00:00Z'), berlinNights)).toEqual(
      new Date('2025-03-30T05:00:00Z'),
    );
  });

  it('is undefined outside the window', () => {
    expect(quietHoursEnd(new Date('2025-01-10T12:00:00Z'), berlinNights)).toBeUndefined();
    // 07:00 local is the end itself: the window is over.
    expect(quietHoursEnd(new Date('2025-01-11T06:00:00Z'), berlinNights)).toBeUndefined();
  });

  it('handles a daytime window', () => {
    const lunch = { start: '12:00', end: '13:30', timezone: 'America/New_York' };
    expect(quietHoursEnd(new Date('2025-06-02T16:15:00Z'), lunch)).toEqual(new Date('2025-06-02T17:30:00Z'));
  });

  it.each([
    { start: '', end: '', timezone: '' },
    { start: '22:00', end: '07:00', timezone: 'Mars/Olympus' },
    { start: '25:00', end: '07:00', timezone: 'UTC' },
    { start: '07:00', end: '07:00', timezone: 'UTC' },
  ])('ignores an incomplete or malformed window %o', (quiet) => {
    expect(quietHoursEnd(new Date('2025-01-11T02:00:00Z'), quiet)).toBeUndefined();
  });
});
