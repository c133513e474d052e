/**
 * The scopes API keys can carry (issue 3); admins hold every right without them. This module
 * imports nothing, so the browser console takes the list from here too (`@herald/identity/scopes`).
 */
export const SCOPES = {
  notificationsSend: 'notifications:send',
  notificationsRead: 'notifications:read',
  notificationsStatus: 'notifications:status',
  templatesWrite: 'templates:write',
  usersAdmin: 'users:admin',
} as const;

export type Scope = (typeof SCOPES)[keyof typeof SCOPES];
