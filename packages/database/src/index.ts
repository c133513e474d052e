export { openDataSource, type DataSourceOptions } from './open-data-source';
export { ensureDatabase, dropDatabase } from './ensure-database';
export { isUniqueViolation } from './pg-errors';
