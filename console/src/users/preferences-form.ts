import type { Preferences, PreferencesInput } from '@herald/client';

/** The preferences as the form holds them. */
export interface PreferencesForm {
  readonly email: boolean;
  readonly push: boolean;
  /** Comma-separated category names. */
  readonly optedOut: string;
  readonly quietStart: string;
  readonly quietEnd: string;
  readonly quietTimezone: string;
}

export type PreferencesProblems = Partial<Record<keyof PreferencesForm, string>>;

export function formFromPreferences(preferences: Preferences): PreferencesForm {
  return {
    email: preferences.email,
    push: preferences.push,
    optedOut: preferences.optedOutCategories.join(', '),
    quietStart: preferences.quietHours?.start ?? '',
    quietEnd: preferences.quietHours?.end ?? '',
    quietTimezone: preferences.quietHours?.timezone ?? '',
  };
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What the form can tell before sending: quiet hours are all three fields or none, each well formed. */
export function preferencesProblems(
  form: PreferencesForm,
  isTimeZone: (name: string) => boolean = browserKnowsTimeZone,
): PreferencesProblems {
  const problems: PreferencesProblems = {};
  const quiet = [form.quietStart, form.quietEnd, form.quietTimezone].map((value) => value.trim());
  if (quiet.every((value) => value === '')) return problems;
  if (!CLOCK.test(quiet[0] ?? '')) problems.quietStart = 'A time as HH:MM, e.g. 22:00';
  if (!CLOCK.test(quiet[1] ?? '')) problems.quietEnd = 'A time as HH:MM, e.g. 07:00';
  if (!isTimeZone(quiet[2] ?? '')) problems.quietTimezone = 'An IANA time zone, e.g. Europe/Lisbon';
  return problems;
}

export function preferencesInput(form: PreferencesForm): PreferencesInput {
  const categories = form.optedOut
    .split(',')
    .map((category) => category.trim())
    .filter((category) => category !== '');
  const quietSet =
    form.quietStart.trim() !== '' || form.quietEnd.trim() !== '' || form.quietTimezone.trim() !== '';
  return {
    email: form.email,
    push: form.push,
    optedOutCategories: [...new Set(categories)],
    ...(quietSet
      ? {
          quietHours: {
            start: form.quietStart.trim(),
            end: form.quietEnd.trim(),
            timezone: form.quietTimezone.trim(),
          },
        }
      : {}),
  };
}

function browserKnowsTimeZone(name: string): boolean {
  if (!name) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
