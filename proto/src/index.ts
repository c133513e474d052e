export { loadHeraldProto, type HeraldProto } from './load-proto';
export {
  createGrpcServer,
  type GrpcServer,
  type GrpcServerOptions,
  type UnaryImplementation,
} from './grpc-server';
export type { CallContext } from './call-context';
export { HealthClient, createGrpcHealthProbe, type GrpcHealthProbe } from './grpc-health-probe';
export {
  createGrpcClient,
  transportStatusOf,
  type CallMetadata,
  type PromiseClient,
  type GrpcClientOptions,
} from './grpc-client';
export { METADATA } from './metadata';
export type { User__Output as GrpcUser } from './generated/herald/v1/User';
export type { Device__Output as GrpcDevice } from './generated/herald/v1/Device';
export type { RenderedMessage__Output as GrpcRenderedMessage } from './generated/herald/v1/RenderedMessage';
export type { Template__Output as GrpcTemplate } from './generated/herald/v1/Template';
export type { TemplateVersion__Output as GrpcTemplateVersion } from './generated/herald/v1/TemplateVersion';
export type { StatusReport__Output as GrpcStatusReport } from './generated/herald/v1/StatusReport';
export type { VerifiedIdentity__Output as GrpcVerifiedIdentity } from './generated/herald/v1/VerifiedIdentity';
export type { UserServiceDefinition } from './generated/herald/v1/UserService';
export type { TemplateServiceDefinition } from './generated/herald/v1/TemplateService';
export type { NotificationStatusServiceDefinition } from './generated/herald/v1/NotificationStatusService';
export type { NotificationServiceDefinition } from './generated/herald/v1/NotificationService';
export type { Notification__Output as GrpcNotification } from './generated/herald/v1/Notification';
export type { SendRequest as GrpcSendRequest } from './generated/herald/v1/SendRequest';
export type { PageMeta__Output as GrpcPageMeta } from './generated/herald/v1/PageMeta';
export type { RequestReplyStream, StreamReply } from './grpc-stream-client';
export type { StatusReportResult__Output as GrpcStatusReportResult } from './generated/herald/v1/StatusReportResult';
