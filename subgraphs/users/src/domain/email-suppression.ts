/** What a bounce or complaint report says about a mail (RecordEmailFeedback). */
export type EmailFeedbackKind = 'HARD_BOUNCE' | 'SOFT_BOUNCE' | 'COMPLAINT';

export const EMAIL_FEEDBACK_KINDS = ['HARD_BOUNCE', 'SOFT_BOUNCE', 'COMPLAINT'] as const;

/** Why an address is suppressed: one report of the first two, or repeated soft bounces. */
export type SuppressionReason = 'HARD_BOUNCE' | 'COMPLAINT' | 'SOFT_BOUNCES';

export interface EmailFeedback {
  readonly userId: string;
  readonly kind: EmailFeedbackKind;
  readonly notificationId: string;
  readonly statusCode: string | null;
  readonly diagnostic: string | null;
  readonly category: string | null;
}

/** How many soft bounces within how long suppress an address. */
export interface SoftBouncePolicy {
  readonly limit: number;
  readonly windowMs: number;
}

/** An address on the suppression list, as admins see it. */
export interface EmailSuppression {
  readonly id: string;
  readonly userId: string;
  readonly address: string;
  readonly reason: SuppressionReason;
  readonly statusCode: string | null;
  readonly diagnostic: string | null;
  readonly notificationId: string | null;
  readonly category: string | null;
  readonly createdAt: Date;
  readonly liftedAt: Date | null;
}

/**
 * The reason a report suppresses the address, or undefined when it does not (yet): a hard
 * bounce or a complaint at once, a soft bounce once `softBouncesInWindow` (this one included)
 * reaches the policy's limit.
 */
export function suppressionReasonFor(
  kind: EmailFeedbackKind,
  softBouncesInWindow: number,
  policy: SoftBouncePolicy,
): SuppressionReason | undefined {
  switch (kind) {
    case 'HARD_BOUNCE':
      return 'HARD_BOUNCE';
    case 'COMPLAINT':
      return 'COMPLAINT';
    case 'SOFT_BOUNCE':
      return softBouncesInWindow >= policy.limit ? 'SOFT_BOUNCES' : undefined;
    default: {
      const unknown: never = kind;
      throw new Error(`unknown feedback kind ${String(unknown)}`);
    }
  }
}

/**
 * Since when soft bounces count: the window back from now, but never before the address's last
 * lift, so lifting a suppression does not leave the bounces that caused it one report away from
 * suppressing again.
 */
export function softBounceWindowStart(now: Date, policy: SoftBouncePolicy, lastLiftedAt: Date | null): Date {
  const windowStart = new Date(now.getTime() - policy.windowMs);
  return lastLiftedAt && lastLiftedAt > windowStart ? lastLiftedAt : windowStart;
}
