import { scheduleFor } from './schedule';

const now = new Date('2025-01-10T12:00:00Z');
const nights = { start: '22:00', end: '07:00', timezone: 'UTC' };

describe('scheduleFor', () => {
  it('sends now without sendAt or quiet hours, and for a sendAt in the past', () => {
    expect(scheduleFor({ now, sendAt: null, category: null, quietHours: nights })).toBeUndefined();
    expect(
      scheduleFor({ now, sendAt: new Date('2025-01-10T11:00:00Z'), category: null, quietHours: null }),
    ).toBeUndefined();
  });

  it('holds a future sendAt', () => {
    const sendAt = new Date('2025-01-10T15:00:00Z');
    expect(scheduleFor({ now, sendAt, category: null, quietHours: nights })).toEqual({
      dueAt: sendAt,
      reason: 'sendAt 2025-01-10T15:00:00.000Z',
    });
  });

  it('holds until the end of the quiet window, also one a sendAt falls into', () => {
    const night = new Date('2025-01-10T23:00:00Z');
    expect(scheduleFor({ now: night, sendAt: null, category: 'billing', quietHours: nights })?.dueAt).toEqual(
      new Date('2025-01-11T07:00:00Z'),
    );
    expect(scheduleFor({ now, sendAt: night, category: null, quietHours: nights })?.dueAt).toEqual(
      new Date('2025-01-11T07:00:00Z'),
    );
  });

  it('lets critical notifications through quiet hours', () => {
    const night = new Date('2025-01-10T23:00:00Z');
    expect(
      scheduleFor({ now: night, sendAt: null, category: 'critical', quietHours: nights }),
    ).toBeUndefined();
  });
});
