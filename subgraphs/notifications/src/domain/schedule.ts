import { quietHoursEnd, type QuietHours } from './quiet-hours';

/** Quiet hours never hold back this category. */
export const CRITICAL_CATEGORY = 'critical';

export interface ScheduleRequest {
  readonly now: Date;
  readonly sendAt: Date | null | undefined;
  readonly category: string | null | undefined;
  readonly quietHours: QuietHours | null | undefined;
}

export interface Schedule {
  readonly dueAt: Date;
  readonly reason: string;
}

/**
 * When a notification must wait: until its sendAt, and then until the user's quiet window
 * around that moment ends (except critical ones). Undefined means send now.
 */
export function scheduleFor(request: ScheduleRequest): Schedule | undefined {
  const requested = request.sendAt && request.sendAt > request.now ? request.sendAt : undefined;
  const earliest = requested ?? request.now;
  const quietEnd =
    request.category === CRITICAL_CATEGORY ? undefined : quietHoursEnd(earliest, request.quietHours);
  if (quietEnd) return { dueAt: quietEnd, reason: `quiet hours until ${quietEnd.toISOString()}` };
  if (requested) return { dueAt: requested, reason: `sendAt ${requested.toISOString()}` };
  return undefined;
}
