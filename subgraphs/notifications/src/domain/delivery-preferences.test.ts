import { skipReasonFor, type DeliveryProfile } from './delivery-preferences';

const allOn: DeliveryProfile = {
  preferences: { email: true, push: true, optedOutCategories: [], quietHours: null },
  hasValidPushDevice: true,
  emailSuppressed: false,
};
const withPreferences = (change: Partial<DeliveryProfile['preferences']>): DeliveryProfile => ({
  ...allOn,
  preferences: { ...allOn.preferences, ...change },
});

describe('skipReasonFor', () => {
  it('sends when the channel is on and the category is not opted out', () => {
    expect(skipReasonFor(allOn, 'EMAIL', 'billing')).toBeUndefined();
  });

  it('skips a channel the user turned off', () => {
    expect(skipReasonFor(withPreferences({ email: false }), 'EMAIL', null)).toMatch(/email/);
    expect(skipReasonFor(withPreferences({ email: false }), 'PUSH', null)).toBeUndefined();
    expect(skipReasonFor(withPreferences({ push: false }), 'PUSH', undefined)).toMatch(/push/);
  });

  it('skips a category the user opted out of', () => {
    expect(
      skipReasonFor(withPreferences({ optedOutCategories: ['marketing'] }), 'PUSH', 'marketing'),
    ).toMatch(/marketing/);
  });

  it('skips push, but not email, for a user without a valid device', () => {
    const noDevice = { ...allOn, hasValidPushDevice: false };
    expect(skipReasonFor(noDevice, 'PUSH', null)).toMatch(/device/);
    expect(skipReasonFor(noDevice, 'EMAIL', null)).toBeUndefined();
  });

  it('skips email to a suppressed address as "suppressed", before the preferences, and never push', () => {
    const suppressed = { ...withPreferences({ email: false }), emailSuppressed: true };
    expect(skipReasonFor(suppressed, 'EMAIL', 'billing')).toBe('suppressed');
    expect(skipReasonFor({ ...allOn, emailSuppressed: true }, 'PUSH', null)).toBeUndefined();
  });
});
