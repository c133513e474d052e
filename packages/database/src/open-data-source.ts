import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
import { ensureDatabase } from './ensure-database';

export interface DataSourceOptions {
  /** Full URL including the service's database name. */
  readonly url: string;
  readonly entities: readonly EntitySchema[];
  readonly migrations: readonly (new () => MigrationInterface)[];
  readonly poolSize?: number;
}

/** Creates the database if it is missing, connects, and runs pending migrations. */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
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
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
