import { NotFoundError } from '@herald/errors';
import type { EmailFeedback, SuppressionReason } from '../domain/email-suppression';
import type { CachedProfiles, EmailSuppressionRepository } from './ports';

export interface FeedbackOutcome {
  /** The user's current address is suppressed after the report. */
  readonly suppressed: boolean;
  /** Set when this report put the address on the list. */
  readonly newSuppression?: SuppressionReason;
  /** False for a repeated report, which changes nothing. */
  readonly counted: boolean;
}

export function makeRecordEmailFeedback({
  suppressions,
  profiles,
  onSuppressed,
  now,
}: {
  readonly suppressions: Pick<EmailSuppressionRepository, 'recordFeedback'>;
  readonly profiles: Pick<CachedProfiles, 'forget'>;
  /** Counts a new suppression (the metric). */
  readonly onSuppressed: (reason: SuppressionReason, category: string | null) => void;
  readonly now: () => Date;
}) {
  return async function recordEmailFeedback(feedback: EmailFeedback): Promise<FeedbackOutcome> {
    const result = await suppressions.recordFeedback(feedback, now());
    if (result.kind === 'no-such-user') {
      throw new NotFoundError(`user ${feedback.userId} not found`, { id: feedback.userId });
    }
    if (result.newSuppression) {
      onSuppressed(result.newSuppression, feedback.category);
      // notifications and the workers drop their copy of the user, so the next send is skipped.
      await profiles.forget(feedback.userId);
    }
    return { suppressed: result.suppressed, newSuppression: result.newSuppression, counted: result.counted };
  };
}

export type RecordEmailFeedback = ReturnType<typeof makeRecordEmailFeedback>;
