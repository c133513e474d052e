/** "HH:MM" local times in an IANA timezone (users.proto QuietHours). */
export interface QuietHours {
  readonly start: string;
  readonly end: string;
  readonly timezone: string;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * When the user's quiet window that contains `at` ends, or undefined when `at` is outside it
 * (or the window is incomplete or malformed, which the users service should never store).
 * A window whose end is before its start spans midnight ("22:00"–"07:00").
 */
export function quietHoursEnd(at: Date, quiet: QuietHours | null | undefined): Date | undefined {
  if (!quiet || !isValidTimeZone(quiet.timezone)) return undefined;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === undefined || end === undefined || start === end) return undefined;

  const local = wallClock(at, quiet.timezone);
  const now = local.hour * 60 + local.minute;
  const spansMidnight = end < start;
  const inside = spansMidnight ? now >= start || now < end : now >= start && now < end;
  if (!inside) return undefined;

  // The window ends today, unless it started today and runs past midnight.
  const endsTomorrow = spansMidnight && now >= start;
  const day = new Date(Date.UTC(local.year, local.month - 1, local.day + (endsTomorrow ? 1 : 0)));
  return zonedToInstant(
    {
      year: day.getUTCFullYear(),
      month: day.getUTCMonth() + 1,
      day: day.getUTCDate(),
      hour: Math.floor(end / 60),
      minute: end % 60,
    },
    quiet.timezone,
  );
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

function minutesOf(value: string): number | undefined {
  const match = HH_MM.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function wallClock(at: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
  };
}

/** Offset of the zone from UTC at `at`, in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const local = wallClock(new Date(at), timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  return asUtc - Math.floor(at / 60_000) * 60_000;
}

/**
 * The instant a wall-clock time happens in the zone. Two passes settle the offset across a DST
 * change; a time skipped by a spring-forward gap lands just after the gap.
 */
function zonedToInstant(local: WallClock, timeZone: string): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  let instant = asUtc - offsetAt(asUtc, timeZone);
  instant = asUtc - offsetAt(instant, timeZone);
  return new Date(instant);
}
