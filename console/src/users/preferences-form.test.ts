import { describe, expect, it } from 'vitest';
import { formFromPreferences, preferencesInput, preferencesProblems } from './preferences-form.ts';

const form = formFromPreferences({
  email: true,
  push: false,
  optedOutCategories: ['marketing'],
  quietHours: null,
});

describe('preferences', () => {
  it('sends the channels and the opted-out categories, trimmed and once each', () => {
    expect(preferencesInput({ ...form, optedOut: ' marketing, digest ,,marketing' })).toEqual({
      email: true,
      push: false,
      optedOutCategories: ['marketing', 'digest'],
    });
  });

  it('sends quiet hours only when they are set', () => {
    const quiet = { ...form, quietStart: '22:00', quietEnd: '07:00', quietTimezone: 'Europe/Lisbon' };
    expect(preferencesProblems(quiet)).toEqual({});
    expect(preferencesInput(quiet).quietHours).toEqual({
      start: '22:00',
      end: '07:00',
      timezone: 'Europe/Lisbon',
    });
    expect(preferencesProblems(form)).toEqual({});
  });

  it('refuses quiet hours that are half filled or malformed, at the field', () => {
    expect(preferencesProblems({ ...form, quietStart: '25:00', quietTimezone: 'Mars/Olympus' })).toEqual({
      quietStart: 'A time as HH:MM, e.g. 22:00',
      quietEnd: 'A time as HH:MM, e.g. 07:00',
      quietTimezone: 'An IANA time zone, e.g. Europe/Lisbon',
    });
  });
});
