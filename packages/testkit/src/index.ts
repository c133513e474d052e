export { createTestEnvironment, type TestEnvironment } from './test-environment';
export { freePort } from './free-port';
export { waitFor, type WaitOptions } from './wait-for';
export { histogramSeries, type HistogramSeries } from './histogram-series';
export { startSmtpSink, fetchSinkMessages, type SmtpSink, type ReceivedMail } from './smtp-sink';
export { captureLog } from './log-capture';
export { startOtlpSink, fetchSinkSpans, type OtlpSink, type ReceivedSpan } from './otlp-sink';
export {
  startHeraldSystem,
  allocateSystemPorts,
  REPO_ROOT,
  type HeraldSystem,
  type StartSystemOptions,
  type SystemPorts,
  SERVICE_NAMES,
  type ServiceName,
} from './herald-system';
export { deleteTopology } from './delete-topology';
export {
  startWorkerPeers,
  type TemplateSourcesFixture,
  type WorkerPeers,
  type WorkerPeersOptions,
} from './worker-peers';
export { startTcpProxy, type ProxyTarget, type TcpProxy } from './tcp-proxy';
export { startSilentPeer, type SilentPeer } from './silent-peer';
export { createGrpcHealthClient, type GrpcHealthClient, type HealthWatch } from './grpc-health-client';
export { postToSubgraph, type SubgraphCall, type SubgraphResponse } from './subgraph-client';
export {
  startFakeFcm,
  startPushEndpoint,
  createSubscriptionKeys,
  type HttpPeer,
  type PushEndpoint,
  type RecordedRequest,
} from './push-peers';
export { queuedNotification } from './queued-notification';
export { createDeliveryLedger, type DeliveryLedger, type LedgerReport } from './delivery-ledger';
export { openApiResponseChecker, type DocumentedAnswer } from './openapi-responses';
export {
  ERROR_META,
  ONE_OBJECT_META,
  paginationMetaSchema,
  restContractChecker,
  restEnvelopeSchema,
  restEnvelopeIssues,
  type RestEnvelope,
} from './rest-envelope';
export {
  startRabbitCluster,
  type RabbitCluster,
  type RabbitNode,
  type ClusterQueue,
  type StartRabbitClusterOptions,
} from './rabbit-cluster';
export {
  startRedisSentinelGroup,
  type RedisNode,
  type RedisSentinelGroup,
  type RedisSentinelGroupOptions,
} from './redis-sentinel-group';
