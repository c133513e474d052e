const CLOCK_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** `HH:MM` on a 24-hour clock. */
export function isClockTime(value: string): boolean {
  return CLOCK_TIME.test(value);
}

/** The canonical name of an IANA timezone (`europe/lisbon` → `Europe/Lisbon`), or undefined. */
export function canonicalTimeZone(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
