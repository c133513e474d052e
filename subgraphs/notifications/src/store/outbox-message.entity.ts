import { EntitySchema } from 'typeorm';

export interface OutboxMessageRow {
  /** bigserial; pg returns int8 as a string. */
  id: string;
  notificationId: string;
  routingKey: string;
  payload: object;
  priority: number;
  correlationId: string;
  /** W3C traceparent/tracestate of the request that wrote the row; null outside any trace. */
  traceContext: Record<string, string> | null;
  createdAt: Date;
  publishedAt: Date | null;
}

export const OutboxMessageEntity = new EntitySchema<OutboxMessageRow>({
  name: 'OutboxMessage',
  tableName: 'outbox',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    notificationId: { name: 'notification_id', type: 'uuid' },
    routingKey: { name: 'routing_key', type: 'text' },
    payload: { type: 'jsonb' },
    priority: { type: 'int' },
    correlationId: { name: 'correlation_id', type: 'text' },
    traceContext: { name: 'trace_context', type: 'jsonb', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    publishedAt: { name: 'published_at', type: 'timestamptz', nullable: true },
  },
});
