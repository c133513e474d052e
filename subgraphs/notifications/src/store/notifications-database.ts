import type { DataSource } from 'typeorm';
import { openDataSource, type DataSourceOptions } from '@herald/database';
import { CreateNotifications1732500000000 } from './migrations/1732500000000-create-notifications';
import { ScheduleAndFilters1732600000000 } from './migrations/1732600000000-schedule-and-filters';
import { OutboxTraceContext1732700000000 } from './migrations/1732700000000-outbox-trace-context';
import { DeliveryClaim1732800000000 } from './migrations/1732800000000-delivery-claim';
import { DropOutboxNotify1732950000000 } from './migrations/1732950000000-drop-outbox-notify';
import { StatusBounds1733000000000 } from './migrations/1733000000000-status-bounds';
import { BouncesAndComplaints1733100000000 } from './migrations/1733100000000-bounces-and-complaints';
import { ClaimLease1733400000000 } from './migrations/1733400000000-claim-lease';
import { NotificationEventEntity } from './notification-event.entity';
import { NotificationEntity } from './notification.entity';
import { OutboxMessageEntity } from './outbox-message.entity';

/** herald_notifications at `url`: its entities and migrations, for openDataSource or openDataSourceOn. */
export function notificationsDatabase(url: string): DataSourceOptions {
  return {
    url,
    entities: [NotificationEntity, NotificationEventEntity, OutboxMessageEntity],
    migrations: [
      CreateNotifications1732500000000,
      ScheduleAndFilters1732600000000,
      OutboxTraceContext1732700000000,
      DeliveryClaim1732800000000,
      DropOutboxNotify1732950000000,
      StatusBounds1733000000000,
      BouncesAndComplaints1733100000000,
      ClaimLease1733400000000,
    ],
  };
}

/** Opens herald_notifications (creating it when missing) and brings its schema up to date. */
export function openNotificationsDatabase(url: string): Promise<DataSource> {
  return openDataSource(notificationsDatabase(url));
}
