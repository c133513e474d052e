import type { DataSource } from 'typeorm';
import { createTransactions } from '@herald/database';
import type { NotificationsTransactions } from '../use-cases/ports';
import { createLockedNotificationRepository } from './locked-notification.repository';
import { createOutboxRepository } from './outbox.repository';

/** The notifications database's unit of work: its notifications and outbox, bound to one transaction. */
export function createNotificationsTransactions(db: DataSource): NotificationsTransactions {
  return createTransactions(db, (manager) => ({
    notifications: createLockedNotificationRepository(manager),
    outbox: createOutboxRepository(manager),
  }));
}
