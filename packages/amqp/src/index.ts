export {
  topologyNames,
  declareTopology,
  retryQueueFor,
  RETRY_STEPS_MS,
  type TopologyNames,
  type Channel,
} from './topology';
export { FAILED_QUEUE_BOUND, type FailedQueueBound } from './failed-queue';
export { QueueTypeMismatchError, type QueueType } from './queue-type';
export { connectAmqp, type AmqpConnection, type ConnectOptions } from './connect';
export { jitteredDelay, RETRY_JITTER } from './retry-schedule';
export { createPublisher, type Publisher, type PublishOptions } from './publisher';
export { consumeQueue, type ConsumerHandle, type Outcome, type MessageHandler } from './consumer';
export { connectBrokerLink, type BrokerLink } from './broker-link';
export { consumeAcrossReconnects } from './resilient-consumer';
export { registerQueueMetrics } from './queue-metrics';
