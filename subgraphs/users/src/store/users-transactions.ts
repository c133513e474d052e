import type { DataSource } from 'typeorm';
import { createTransactions } from '@herald/database';
import type { UsersTransactions } from '../use-cases/ports';
import { createLockedPreferencesRepository } from './preferences.repository';

/** The users database's unit of work: preferences, bound to one transaction. */
export function createUsersTransactions(db: DataSource): UsersTransactions {
  return createTransactions(db, (manager) => ({ preferences: createLockedPreferencesRepository(manager) }));
}
