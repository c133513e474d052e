import { isAdmin, hasScope, missingScopeError, requireIdentity, type Caller } from './authorize';
import type { Identity } from './identity';
import { SCOPES } from './scopes';

/**
 * Who may read notifications, whatever the entry point (GraphQL, the REST shim through
 * NotificationService, subscriptions): a signed-in user who is not an admin only their own,
 * whatever their scopes; anyone else every user's with notifications:read, which admins hold.
 */
export interface NotificationReader {
  readonly identity: Identity;
  /** The one user whose notifications the reader may read; undefined for every user's. */
  readonly owner: string | undefined;
}

/** Undefined when the identity may read no notification at all. */
export function notificationReaderOf(identity: Identity): NotificationReader | undefined {
  if (identity.kind === 'user' && !isAdmin(identity)) return { identity, owner: identity.id };
  return hasScope(identity, SCOPES.notificationsRead) ? { identity, owner: undefined } : undefined;
}

/** Whether the identity may read a notification of this user (an unknown user: only with the scope). */
export function canRead(identity: Identity, notification: { readonly userId?: string | undefined }): boolean {
  const reader = notificationReaderOf(identity);
  return reader !== undefined && (reader.owner === undefined || reader.owner === notification.userId);
}

/** The reader a caller is; anonymous is UNAUTHENTICATED, a reader of nothing FORBIDDEN. */
export function requireNotificationReader(caller: Caller): NotificationReader {
  const reader = notificationReaderOf(requireIdentity(caller));
  if (!reader) throw missingScopeError(SCOPES.notificationsRead);
  return reader;
}
