import { softBounceWindowStart, suppressionReasonFor } from './email-suppression';

const policy = { limit: 3, windowMs: 7 * 24 * 3600 * 1000 };

describe('suppressionReasonFor', () => {
  it('suppresses at once on a hard bounce or a complaint', () => {
    expect(suppressionReasonFor('HARD_BOUNCE', 0, policy)).toBe('HARD_BOUNCE');
    expect(suppressionReasonFor('COMPLAINT', 0, policy)).toBe('COMPLAINT');
  });

  it('suppresses on the soft bounce that reaches the limit, not before', () => {
    expect(suppressionReasonFor('SOFT_BOUNCE', 2, policy)).toBeUndefined();
    expect(suppressionReasonFor('SOFT_BOUNCE', 3, policy)).toBe('SOFT_BOUNCES');
  });
});

describe('softBounceWindowStart', () => {
  const now = new Date('2026-12-04T12:00:00Z');

  it('counts back the window from now', () => {
    expect(softBounceWindowStart(now, policy, null)).toEqual(new Date('2026-11-27T12:00:00Z'));
  });

  it('starts at the last lift when that is later, so a lifted address starts clean', () => {
    const lifted = new Date('2026-12-01T00:00:00Z');
    expect(softBounceWindowStart(now, policy, lifted)).toEqual(lifted);
    expect(softBounceWindowStart(now, policy, new Date('2026-11-01T00:00:00Z'))).toEqual(
      new Date('2026-11-27T12:00:00Z'),
    );
  });
});
