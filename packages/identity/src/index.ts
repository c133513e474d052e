export {
  type Identity,
  IDENTITY_HEADER,
  INTERNAL_TOKEN_HEADER,
  CORRELATION_HEADER,
  encodeIdentity,
  decodeIdentity,
} from './identity';
export { SCOPES, type Scope } from './scopes';
export {
  anonymousCallerError,
  hasScope,
  isAdmin,
  requireIdentity,
  requireScope,
  requireSelfOrScope,
  type Caller,
} from './authorize';
export {
  canRead,
  notificationReaderOf,
  requireNotificationReader,
  type NotificationReader,
} from './notification-read';
