export { DeliveryError } from './delivery-error';
export { classifyFailure, decideOnFailure, type Failure, type FailureDecision } from './failure-policy';
export type {
  DeliveryChannel,
  DeliveryContext,
  DeviceKind,
  Recipient,
  RecipientDevice,
  RenderedContent,
  SendResult,
} from './delivery-channel';
export type {
  DeliveryPeers,
  RenderRequest,
  ReportedStatus,
  StatusChange,
  StatusReceipt,
  StatusReporter,
  TemplateRenderer,
  UserDirectory,
} from './delivery-peers';
export { createDeliveryMetrics, type DeliveryMetrics, type DeliveryResult } from './delivery-metrics';
export {
  makeDeliverNotification,
  type DeliverNotification,
  type DeliverNotificationDeps,
} from './deliver-notification';
export { createDeliveryHandler } from './delivery-handler';
export { createGrpcPeers, type GrpcPeerOptions } from './grpc-peers';
export { workerEnv, type WorkerConfig } from './worker-config';
export { createWorkerApp, type WorkerAppOptions, type WorkerServices } from './worker-app';
export { writeOutboxFile } from './outbox-file';
export {
  guardWithBreaker,
  BreakerOpenError,
  type BreakerOptions,
  type BreakerListener,
  type GuardedChannel,
} from './provider-breaker';
export { withFallbackCache, type FallbackCacheOptions } from './fallback-cache';
export type { PushTokenRegistry } from './delivery-peers';
