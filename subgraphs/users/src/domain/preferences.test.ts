import { DEFAULT_PREFERENCES, applyPreferenceChanges, unsubscribeFromEmail } from './preferences';

describe('applyPreferenceChanges', () => {
  it('keeps every value that the changes leave out', () => {
    expect(applyPreferenceChanges(DEFAULT_PREFERENCES, {})).toEqual(DEFAULT_PREFERENCES);
  });

  it('applies given values and drops duplicate categories', () => {
    const quietHours = { start: '22:00', end: '07:00', timezone: 'Europe/Lisbon' };
    expect(
      applyPreferenceChanges(DEFAULT_PREFERENCES, {
        push: false,
        optedOutCategories: ['marketing', 'marketing', 'digest'],
        quietHours,
      }),
    ).toEqual({ email: true, push: false, optedOutCategories: ['marketing', 'digest'], quietHours });
  });

  it('removes quiet hours when given null', () => {
    const current = { ...DEFAULT_PREFERENCES, quietHours: { start: '22:00', end: '07:00', timezone: 'UTC' } };
    expect(applyPreferenceChanges(current, { quietHours: null }).quietHours).toBeNull();
  });
});

describe('unsubscribeFromEmail', () => {
  const base = { ...DEFAULT_PREFERENCES, optedOutCategories: ['digest'] };

  it('adds the category to the opt-outs once', () => {
    const once = unsubscribeFromEmail(base, 'marketing');
    expect(once.optedOutCategories).toEqual(['digest', 'marketing']);
    expect(unsubscribeFromEmail(once, 'marketing')).toBe(once);
    expect(once.email).toBe(true);
  });

  it('turns email off for mail without a category', () => {
    const off = unsubscribeFromEmail(base, null);
    expect(off).toEqual({ ...base, email: false });
    expect(unsubscribeFromEmail(off, null)).toBe(off);
  });
});
