import { EntitySchema } from 'typeorm';

export interface NotificationEventRow {
  /** bigserial; pg returns int8 as a string. */
  id: string;
  notificationId: string;
  status: string;
  detail: string | null;
  at: Date;
}

export const NotificationEventEntity = new EntitySchema<NotificationEventRow>({
  name: 'NotificationEvent',
  tableName: 'notification_events',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    notificationId: { name: 'notification_id', type: 'uuid' },
    status: { type: 'text' },
    detail: { type: 'text', nullable: true },
    at: { type: 'timestamptz' },
  },
});
