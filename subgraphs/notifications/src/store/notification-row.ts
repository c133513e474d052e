import type { Channel, JsonObject, Notification } from '../domain/notification';
import type { NotificationStatus } from '../domain/notification-status';
import type { NotificationRow } from './notification.entity';

/** The columns of a notification, named as in NotificationRow. */
export const NOTIFICATION_ROW = `
  id, request_id AS "requestId", sender, user_id AS "userId", channel, template_code AS "templateCode",
  template_version AS "templateVersion", locale, category, variables, metadata, priority, status,
  status_detail AS "statusDetail", attempts, claimed_by AS "claimedBy",
  claim_holder AS "claimHolder", claim_expires_at AS "claimExpiresAt",
  outcome_unknown AS "outcomeUnknown", request_hash AS "requestHash",
  send_at AS "sendAt", due_at AS "dueAt", correlation_id AS "correlationId", created_at AS "createdAt",
  updated_at AS "updatedAt"`;

/** The columns hold only what insertNotifications wrote (CHECK constraints guard the enums). */
export function toNotification({ claimHolder, claimExpiresAt, ...row }: NotificationRow): Notification {
  return {
    ...row,
    claimLease: claimHolder && claimExpiresAt ? { holder: claimHolder, expiresAt: claimExpiresAt } : null,
    channel: row.channel as Channel,
    status: row.status as NotificationStatus,
    variables: row.variables as JsonObject,
    metadata: row.metadata as JsonObject | null,
  };
}
