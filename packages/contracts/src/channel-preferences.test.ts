import { preferenceSkipReason, suppressionSkipReason, type ChannelPreferences } from './channel-preferences';

const allOn: ChannelPreferences = { email: true, push: true, optedOutCategories: [] };

describe('preferenceSkipReason', () => {
  it('lets a notification through when its channel is on and its category not opted out', () => {
    expect(preferenceSkipReason(allOn, 'email', 'billing')).toBeUndefined();
    expect(preferenceSkipReason(allOn, 'push', null)).toBeUndefined();
  });

  it('refuses only the channel the user turned off', () => {
    const noEmail = { ...allOn, email: false };
    expect(preferenceSkipReason(noEmail, 'email', null)).toBe('user turned email notifications off');
    expect(preferenceSkipReason(noEmail, 'push', null)).toBeUndefined();
    expect(preferenceSkipReason({ ...allOn, push: false }, 'push', undefined)).toBe(
      'user turned push notifications off',
    );
  });

  it('refuses a category the user opted out of, on every channel, critical ones included', () => {
    const optedOut = { ...allOn, optedOutCategories: ['marketing', 'security'] };
    expect(preferenceSkipReason(optedOut, 'email', 'marketing')).toBe(
      'user opted out of category "marketing"',
    );
    expect(preferenceSkipReason(optedOut, 'push', 'security')).toBe('user opted out of category "security"');
    expect(preferenceSkipReason(optedOut, 'email', 'billing')).toBeUndefined();
    expect(preferenceSkipReason(optedOut, 'email', null)).toBeUndefined();
  });
});

describe('suppressionSkipReason', () => {
  it('skips email to a suppressed address as "suppressed", and never push', () => {
    expect(suppressionSkipReason(true, 'email')).toBe('suppressed');
    expect(suppressionSkipReason(true, 'push')).toBeUndefined();
    expect(suppressionSkipReason(false, 'email')).toBeUndefined();
  });
});
