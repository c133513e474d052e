/** A daily window, in the user's timezone, during which pushes wait. */
export interface QuietHours {
  /** Local time, HH:MM. */
  readonly start: string;
  /** Local time, HH:MM; earlier than start when the window spans midnight. */
  readonly end: string;
  /** IANA timezone, e.g. Europe/Lisbon. */
  readonly timezone: string;
}

export interface Preferences {
  readonly email: boolean;
  readonly push: boolean;
  readonly optedOutCategories: readonly string[];
  readonly quietHours: QuietHours | null;
}

/** A partial update: undefined keeps the current value; quietHours null removes the window. */
export interface PreferenceChanges {
  readonly email?: boolean;
  readonly push?: boolean;
  readonly optedOutCategories?: readonly string[];
  readonly quietHours?: QuietHours | null;
}

export const DEFAULT_PREFERENCES: Preferences = Object.freeze({
  email: true,
  push: true,
  optedOutCategories: Object.freeze([]),
  quietHours: null,
});

export function applyPreferenceChanges(current: Preferences, changes: PreferenceChanges): Preferences {
  return {
    email: changes.email ?? current.email,
    push: changes.push ?? current.push,
    optedOutCategories: changes.optedOutCategories
      ? [...new Set(changes.optedOutCategories)]
      : current.optedOutCategories,
    quietHours: changes.quietHours === undefined ? current.quietHours : changes.quietHours,
  };
}

/**
 * One-click unsubscribe (RFC 8058): out of that category of email, or out of email altogether
 * when the mail had no category. Applying it twice changes nothing the second time.
 */
export function unsubscribeFromEmail(current: Preferences, category: string | null): Preferences {
  if (category === null) return current.email ? { ...current, email: false } : current;
  if (current.optedOutCategories.includes(category)) return current;
  return { ...current, optedOutCategories: [...current.optedOutCategories, category] };
}
