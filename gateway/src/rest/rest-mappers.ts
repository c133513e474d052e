import type { NOTIFICATION_STATUSES } from './rest-schemas';

/** The GraphQL selections the shim's operations make, and their snake_case REST shapes. */
export interface NotificationFields {
  readonly id: string;
  readonly requestId: string;
  readonly channel: string;
  readonly status: string;
  readonly attempts: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly user: { readonly id: string };
  readonly template: { readonly code: string };
}

export interface UserFields {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly preferences: { readonly email: boolean; readonly push: boolean };
  readonly createdAt: string;
}

export type RestStatus = (typeof NOTIFICATION_STATUSES)[number];

export function restStatus(status: string): RestStatus {
  return status.toLowerCase() as RestStatus;
}

export function restNotification(notification: NotificationFields) {
  return {
    notification_id: notification.id,
    request_id: notification.requestId,
    notification_type: notification.channel.toLowerCase(),
    status: restStatus(notification.status),
    user_id: notification.user.id,
    template_code: notification.template.code,
    attempts: notification.attempts,
    created_at: notification.createdAt,
    updated_at: notification.updatedAt,
  };
}

export function restUser(user: UserFields) {
  return {
    user_id: user.id,
    name: user.name,
    email: user.email,
    preferences: { email: user.preferences.email, push: user.preferences.push },
    created_at: user.createdAt,
  };
}
