import type { PageMeta } from '@herald/paging';
import type { GrpcNotification, GrpcPageMeta } from '@herald/proto';
import type { NOTIFICATION_STATUSES, SUPPRESSION_REASONS } from './rest-schemas';

/** The GraphQL selection of the users routes' operations, and the snake_case REST shapes. */
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

/** A message field proto3 makes optional that NotificationService always sets. */
export function present<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined) {
    throw new Error(`NotificationService answered without ${field}`);
  }
  return value;
}

export function restNotification(notification: GrpcNotification) {
  return {
    notification_id: notification.id,
    request_id: notification.request_id,
    notification_type: notification.channel.toLowerCase(),
    status: restStatus(notification.status),
    user_id: notification.user_id,
    template_code: notification.template_code,
    attempts: notification.attempts,
    created_at: notification.created_at,
    updated_at: notification.updated_at,
  };
}

export function pageMetaOf(meta: GrpcPageMeta): PageMeta {
  return {
    total: meta.total,
    limit: meta.limit,
    page: meta.page,
    totalPages: meta.total_pages,
    hasNext: meta.has_next,
    hasPrevious: meta.has_previous,
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

/** The GraphQL selection of the suppression list route. */
export interface SuppressionFields {
  readonly userId: string;
  readonly address: string;
  readonly reason: string;
  readonly statusCode: string | null;
  readonly diagnostic: string | null;
  readonly notificationId: string | null;
  readonly category: string | null;
  readonly createdAt: string;
}

export function restSuppression(suppression: SuppressionFields) {
  return {
    user_id: suppression.userId,
    address: suppression.address,
    reason: suppression.reason.toLowerCase() as (typeof SUPPRESSION_REASONS)[number],
    status_code: suppression.statusCode,
    diagnostic: suppression.diagnostic,
    notification_id: suppression.notificationId,
    category: suppression.category,
    created_at: suppression.createdAt,
  };
}
