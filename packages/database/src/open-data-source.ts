import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
import { UnreachableDependencyError } from '@herald/config';
import type { CleanupStack, ReadinessProbe } from '@herald/lifecycle';
import { ensureDatabase } from './ensure-database';
import { reportOutagesAsUnavailable } from './outages';

/** Arbitrary, fixed: the advisory lock every Herald service takes while migrating its own database. */
const MIGRATION_LOCK_KEY = 72_616_420;

export interface DataSourceOptions {
  /** Full URL including the service's database name. */
  readonly url: string;
  readonly entities: readonly EntitySchema[];
  readonly migrations: readonly (new () => MigrationInterface)[];
  readonly poolSize?: number;
  /** The variable the URL came from, named when the server cannot be reached. */
  readonly urlVariable?: string;
}

/**
 * Creates the database if it is missing, connects, and runs pending migrations. A server that
 * cannot be reached is an UnreachableDependencyError naming the variable; a failing migration
 * is thrown as it is. Once open, an outage fails a query with UnavailableError.
 */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await connect(options).catch((error: unknown) => {
    throw new UnreachableDependencyError(options.urlVariable ?? 'DATABASE_URL', error);
  });
  reportOutagesAsUnavailable(dataSource);
  try {
    await runMigrationsExclusively(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** openDataSource for an app: the data source is destroyed when the app's cleanup stack runs. */
export async function openDataSourceOn(
  cleanup: CleanupStack,
  options: DataSourceOptions,
): Promise<DataSource> {
  return cleanup.push('database', await openDataSource(options), (dataSource) => dataSource.destroy());
}

/** The /ready probe of a service's database: a trivial query answers. */
export function databaseProbe(dataSource: DataSource): ReadinessProbe {
  return { name: 'database', check: async () => void (await dataSource.query('SELECT 1')) };
}

async function connect(options: DataSourceOptions): Promise<DataSource> {
  await ensureDatabase(options.url);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: [...options.entities],
    migrations: [...options.migrations],
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5000 },
  });
  return dataSource.initialize();
}

/** Replicas starting together would race on the migrations table; one runs them, the others wait. */
async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  const lockRunner = dataSource.createQueryRunner();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations();
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}
