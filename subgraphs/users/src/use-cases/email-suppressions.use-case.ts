import { pageMeta, pageOffset, type PageMeta, type PageRequest } from '@herald/paging';
import type { EmailSuppression } from '../domain/email-suppression';
import type { CachedProfiles, EmailSuppressionRepository } from './ports';

export interface SuppressionList {
  readonly items: readonly EmailSuppression[];
  readonly meta: PageMeta;
}

export function makeListEmailSuppressions({
  suppressions,
}: {
  readonly suppressions: Pick<EmailSuppressionRepository, 'findActivePage'>;
}) {
  return async function listEmailSuppressions(request: PageRequest): Promise<SuppressionList> {
    const page = await suppressions.findActivePage(pageOffset(request), request.limit);
    return { items: page.suppressions, meta: pageMeta(page.total, request) };
  };
}

export function makeLiftEmailSuppression({
  suppressions,
  profiles,
  now,
}: {
  readonly suppressions: Pick<EmailSuppressionRepository, 'liftSuppressions'>;
  readonly profiles: Pick<CachedProfiles, 'forget'>;
  readonly now: () => Date;
}) {
  /** Lifts the user's suppressions; false when the user had none. Sending resumes at once. */
  return async function liftEmailSuppression(userId: string, liftedBy: string): Promise<boolean> {
    const lifted = await suppressions.liftSuppressions(userId, liftedBy, now());
    if (lifted) await profiles.forget(userId);
    return lifted;
  };
}

export type ListEmailSuppressions = ReturnType<typeof makeListEmailSuppressions>;
export type LiftEmailSuppression = ReturnType<typeof makeLiftEmailSuppression>;
