import { DEFAULT_PREFERENCES, applyPreferenceChanges } from './preferences';

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
