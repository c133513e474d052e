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
export { preferenceSkipReason, type ChannelPreferences } from './channel-preferences';
