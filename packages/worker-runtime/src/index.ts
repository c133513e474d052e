export {
  DeliveryRefusedError,
  DeliveryUnavailableError,
  isDeliveryError,
  type DeliveryError,
} from './delivery-error';
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
  FeedbackChange,
  FeedbackReporter,
  RenderRequest,
  ReportedStatus,
  StatusChange,
  StatusReceipt,
  StatusReporter,
  TemplateRenderer,
  TemplateVersionRequest,
  TemplateVersions,
  TemplateVersionSource,
  UserDirectory,
} from './delivery-peers';
export { createDeliveryMetrics, type DeliveryMetrics, type DeliveryResult } from './delivery-metrics';
export {
  makeDeliverNotification,
  type DeliverNotification,
  type DeliverNotificationDeps,
} from './deliver-notification';
export { createDeliveryHandler } from './delivery-handler';
export { createGrpcPeers, type GrpcPeerOptions, type GrpcPeers } from './grpc-peers';
export {
  createTemplateRenderer,
  type CachingTemplateRenderer,
  type TemplateRendererOptions,
} from './template-renderer';
export { workerEnv, type WorkerConfig } from './worker-config';
export {
  createWorkerApp,
  type WorkerAppOptions,
  type WorkerIntake,
  type WorkerIntakeServices,
  type WorkerServices,
} from './worker-app';
export { writeOutboxFile } from './outbox-file';
export {
  guardWithBreaker,
  BreakerOpenError,
  type BreakerOptions,
  type BreakerListener,
  type GuardedChannel,
} from './provider-breaker';
export { withFallbackCache, type FallbackCacheOptions, type LookupPeers } from './fallback-cache';
export type { PushTokenRegistry } from './delivery-peers';
