import { skipReasonFor } from './delivery-preferences';

const allOn = { email: true, push: true, optedOutCategories: [] };

describe('skipReasonFor', () => {
  it('sends when the channel is on and the category is not opted out', () => {
    expect(skipReasonFor(allOn, 'EMAIL', 'billing')).toBeUndefined();
  });

  it('skips a channel the user turned off', () => {
    expect(skipReasonFor({ ...allOn, email: false }, 'EMAIL', null)).toMatch(/email/);
    expect(skipReasonFor({ ...allOn, email: false }, 'PUSH', null)).toBeUndefined();
    expect(skipReasonFor({ ...allOn, push: false }, 'PUSH', undefined)).toMatch(/push/);
  });

  it('skips a category the user opted out of', () => {
    expect(skipReasonFor({ ...allOn, optedOutCategories: ['marketing'] }, 'PUSH', 'marketing')).toMatch(
      /marketing/,
    );
  });
});
