import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import {
  softBounceWindowStart,
  suppressionReasonFor,
  type EmailFeedback,
  type EmailSuppression,
  type SoftBouncePolicy,
} from '../domain/email-suppression';
import type { EmailSuppressionRepository, RecordFeedbackResult, SuppressionPage } from '../use-cases/ports';
import { EmailSuppressionEntity, type EmailSuppressionRow } from './email-suppression.entity';
import { isUuid } from './is-uuid';

/** Bounce and complaint reports, and the suppression list they feed (keyed by user and address). */
export function createEmailSuppressionRepository(
  db: DataSource,
  policy: SoftBouncePolicy,
): EmailSuppressionRepository {
  return {
    /**
     * Records the report against the user's current address and suppresses the address when the
     * report calls for it, in one transaction under the user's row lock, so concurrent reports
     * for one user count one after the other.
     */
    async recordFeedback(feedback: EmailFeedback, now: Date): Promise<RecordFeedbackResult> {
      if (!isUuid(feedback.userId)) return { kind: 'no-such-user' };
      return db.transaction(async (manager) => {
        const [user] = (await manager.query(`SELECT email FROM users WHERE id = $1 FOR UPDATE`, [
          feedback.userId,
        ])) as { email: string }[];
        if (!user) return { kind: 'no-such-user' };
        const address = user.email;
        const inserted = (await manager.query(
          `INSERT INTO email_feedback
             (user_id, address, kind, notification_id, status_code, diagnostic, category, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (notification_id, kind) DO NOTHING
           RETURNING id`,
          [
            feedback.userId,
            address,
            feedback.kind,
            feedback.notificationId,
            feedback.statusCode,
            feedback.diagnostic,
            feedback.category,
            now,
          ],
        )) as unknown[];
        const suppressedBefore = await isSuppressed(manager, feedback.userId, address);
        if (inserted.length === 0 || suppressedBefore) {
          return { kind: 'recorded', counted: inserted.length > 0, suppressed: suppressedBefore };
        }
        const softBounces =
          feedback.kind === 'SOFT_BOUNCE'
            ? await countSoftBounces(manager, feedback.userId, address, now, policy)
            : 0;
        const reason = suppressionReasonFor(feedback.kind, softBounces, policy);
        if (!reason) return { kind: 'recorded', counted: true, suppressed: false };
        await manager.getRepository(EmailSuppressionEntity).insert({
          userId: feedback.userId,
          address,
          reason,
          statusCode: feedback.statusCode,
          diagnostic: feedback.diagnostic,
          notificationId: feedback.notificationId,
          category: feedback.category,
          createdAt: now,
        });
        return { kind: 'recorded', counted: true, newSuppression: reason, suppressed: true };
      });
    },

    /** Lifts every active suppression of the user's addresses; false when there was none. */
    async liftSuppressions(userId: string, liftedBy: string, now: Date): Promise<boolean> {
      if (!isUuid(userId)) return false;
      const result = await db
        .getRepository(EmailSuppressionEntity)
        .createQueryBuilder()
        .update()
        .set({ liftedAt: now, liftedBy })
        .where('user_id = :userId AND lifted_at IS NULL', { userId })
        .execute();
      return (result.affected ?? 0) > 0;
    },

    /** The active suppressions, newest first. */
    async findActivePage(offset: number, limit: number): Promise<SuppressionPage> {
      const [rows, total] = await db.getRepository(EmailSuppressionEntity).findAndCount({
        where: { liftedAt: IsNull() },
        order: { createdAt: 'DESC', id: 'ASC' },
        skip: offset,
        take: limit,
      });
      return { suppressions: rows.map(toSuppression), total };
    },
  };
}

/** The (user, address) pairs among `userIds` that are suppressed now. */
export async function findActiveSuppressedAddresses(
  manager: EntityManager,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = (await manager.query(
    `SELECT user_id, address FROM email_suppressions WHERE user_id = ANY($1::uuid[]) AND lifted_at IS NULL`,
    [userIds],
  )) as { user_id: string; address: string }[];
  return new Set(rows.map((row) => suppressedAddressKey(row.user_id, row.address)));
}

export function suppressedAddressKey(userId: string, address: string): string {
  return `${userId} ${address}`;
}

async function isSuppressed(manager: EntityManager, userId: string, address: string): Promise<boolean> {
  return (await findActiveSuppressedAddresses(manager, [userId])).has(suppressedAddressKey(userId, address));
}

async function countSoftBounces(
  manager: EntityManager,
  userId: string,
  address: string,
  now: Date,
  policy: SoftBouncePolicy,
): Promise<number> {
  const [lift] = (await manager.query(
    `SELECT max(lifted_at) AS lifted_at FROM email_suppressions WHERE user_id = $1 AND address = $2`,
    [userId, address],
  )) as { lifted_at: Date | null }[];
  const since = softBounceWindowStart(now, policy, lift?.lifted_at ?? null);
  const [row] = (await manager.query(
    `SELECT count(*)::int AS count FROM email_feedback
      WHERE user_id = $1 AND address = $2 AND kind = 'SOFT_BOUNCE' AND created_at > $3`,
    [userId, address, since],
  )) as { count: number }[];
  return row?.count ?? 0;
}

function toSuppression(row: EmailSuppressionRow): EmailSuppression {
  return {
    id: row.id,
    userId: row.userId,
    address: row.address,
    reason: row.reason,
    statusCode: row.statusCode,
    diagnostic: row.diagnostic,
    notificationId: row.notificationId,
    category: row.category,
    createdAt: row.createdAt,
    liftedAt: row.liftedAt,
  };
}
