import { skipReasonAtSendTime } from './send-time-preferences';

const allOn = { preferences: { email: true, push: true, optedOutCategories: [] }, emailSuppressed: false };

describe('skipReasonAtSendTime', () => {
  it('lets a message through while its channel is on and its category not opted out', () => {
    expect(skipReasonAtSendTime(allOn, { channel: 'email', category: 'security' })).toBeUndefined();
    expect(skipReasonAtSendTime(allOn, { channel: 'push', category: null })).toBeUndefined();
  });

  it('refuses a message for a channel the user has turned off since the accept', () => {
    const emailOff = { ...allOn, preferences: { ...allOn.preferences, email: false } };
    expect(skipReasonAtSendTime(emailOff, { channel: 'email', category: undefined })).toBe(
      'user turned email notifications off at send time',
    );
    expect(skipReasonAtSendTime(emailOff, { channel: 'push', category: undefined })).toBeUndefined();
  });

  it('refuses a message of a category the user has opted out of since the accept', () => {
    const noMarketing = {
      ...allOn,
      preferences: { ...allOn.preferences, optedOutCategories: ['marketing'] },
    };
    expect(skipReasonAtSendTime(noMarketing, { channel: 'push', category: 'marketing' })).toBe(
      'user opted out of category "marketing" at send time',
    );
    expect(skipReasonAtSendTime(noMarketing, { channel: 'email', category: 'billing' })).toBeUndefined();
  });

  it('refuses email to an address suppressed since the accept as "suppressed", and lets push through', () => {
    const suppressed = { ...allOn, emailSuppressed: true };
    expect(skipReasonAtSendTime(suppressed, { channel: 'email', category: 'billing' })).toBe('suppressed');
    expect(skipReasonAtSendTime(suppressed, { channel: 'push', category: 'billing' })).toBeUndefined();
  });
});
