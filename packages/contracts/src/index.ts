export {
  queuedNotificationSchema,
  parseQueuedNotification,
  type QueuedNotification,
  type RoutingKey,
} from './queue-message';
export {
  STATUS_CHANNEL,
  notificationSnapshotSchema,
  statusEventSchema,
  type NotificationSnapshot,
  type StatusEvent,
} from './status-event';
export {
  SUPPRESSED_SKIP_REASON,
  preferenceSkipReason,
  suppressionSkipReason,
  type ChannelPreferences,
} from './channel-preferences';
export {
  createUnsubscribeTokenCodec,
  type UnsubscribeSubject,
  type UnsubscribeTokenCodec,
} from './unsubscribe-token';
export {
  NOTIFICATION_STATUSES,
  SETTLED_STATUSES,
  UNSETTLED_STATUSES,
  isSettled,
  isUnsettled,
  type NotificationStatus,
  type SettledStatus,
  type UnsettledStatus,
} from './notification-statuses';
export {
  DELIVERY_STATUSES,
  FEEDBACK_STATUSES,
  REPORTABLE_STATUSES,
  REPORTED_CHANGES,
  SOFT_BOUNCED,
  type DeliveryStatus,
  type FeedbackStatus,
  type ReportableStatus,
  type ReportedChange,
} from './status-reports';
