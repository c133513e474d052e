import type { DataSource, EntityManager } from 'typeorm';

/**
 * The unit-of-work port: `transaction` opens a transaction and hands `work` the repositories
 * bound to it, so what they write commits or rolls back together and their locks last until
 * `work` returns. Use cases decide between the calls; repositories never call back into them.
 */
export interface Transactions<UnitOfWork> {
  transaction<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T>;
}

/** Transactions on `db`, with `bind` creating the unit of work's repositories on each transaction's manager. */
export function createTransactions<UnitOfWork>(
  db: DataSource,
  bind: (manager: EntityManager) => UnitOfWork,
): Transactions<UnitOfWork> {
  return { transaction: (work) => db.transaction((manager) => work(bind(manager))) };
}
