export {
  topologyNames,
  declareTopology,
  retryQueueFor,
  RETRY_STEPS_MS,
  type TopologyNames,
  type Channel,
} from './topology';
export { connectAmqp, type AmqpConnection } from './connect';
export { createPublisher, type Publisher, type PublishOptions } from './publisher';
export { consumeQueue, type ConsumerHandle, type Outcome, type MessageHandler } from './consumer';
