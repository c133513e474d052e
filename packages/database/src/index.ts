export { databaseProbe, openDataSource, openDataSourceOn, type DataSourceOptions } from './open-data-source';
export { ensureDatabase, dropDatabase } from './ensure-database';
export { isUniqueViolation } from './pg-errors';
export { createTransactions, type Transactions } from './transactions';
