import type { EventEmitter } from 'node:events';
import { DatabaseError } from 'pg';
import { QueryFailedError, type DataSource, type QueryRunner } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { UnavailableError, isHeraldError } from '@herald/errors';

/** An outage, not a fault: the caller may retry, and a client sees UNAVAILABLE (503 on the REST shim). */
const DATABASE_UNAVAILABLE = 'the database is unavailable; retry shortly';

/** Socket errors: the database host refused, dropped or never answered the connection. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (the server is shutting down or not
 * yet accepting connections) and 53300 (too many connections).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/**
 * Errors the driver reported as its connection failing. node-postgres gives a lost connection
 * and a pool wait that timed out no code, so they are known by where they came from: the pool's
 * connect, or a connection's own 'error' event (the error its queries then fail with).
 */
const connectionFailures = new WeakSet<object>();

/** A connect failure is an outage unless the server answered it for another reason (a wrong password). */
export function markConnectFailure(error: unknown): void {
  if (typeof error === 'object' && error !== null && !(error instanceof DatabaseError))
    connectionFailures.add(error);
}

/** A connection's own 'error' event: its socket died, and every query on it fails with this error. */
export function markConnectionLost(error: unknown): void {
  if (typeof error === 'object' && error !== null) connectionFailures.add(error);
}

/**
 * The error a caller sees: UnavailableError (retryable, the driver's error as its cause) when
 * the database could not be reached or serve, judged by SQLSTATE, Node's socket code or where
 * the driver reported it, never by message text; any other error as it is.
 */
export function asOutage(error: unknown): unknown {
  if (isHeraldError(error)) return error;
  const driverError: unknown = error instanceof QueryFailedError ? error.driverError : error;
  if (typeof driverError !== 'object' || driverError === null) return error;
  const { code } = driverError as { code?: unknown };
  const outage =
    connectionFailures.has(driverError) ||
    (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code)));
  return outage ? new UnavailableError(DATABASE_UNAVAILABLE, {}, { cause: error }) : error;
}

type PoolConnect = (callback: (error: unknown, ...connection: unknown[]) => void) => void;

interface DriverPool extends EventEmitter {
  connect: PoolConnect & (() => Promise<unknown>);
  query: (...args: unknown[]) => Promise<unknown> | undefined;
}

/**
 * Makes the data source throw UnavailableError for an outage, once, here: TypeORM's queries
 * (every repository, transaction and raw query) and the pool's own queries (the hot path's
 * named statements). Callers read `retryable`; none of them inspects a driver error.
 */
export function reportOutagesAsUnavailable(dataSource: DataSource): void {
  const driver = dataSource.driver as PostgresDriver;
  watchPool(driver.master as DriverPool);
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => reportingOutages(createQueryRunner(mode));
}

function watchPool(pool: DriverPool): void {
  const watched = new WeakSet<EventEmitter>();
  pool.on('acquire', (client: EventEmitter) => {
    if (watched.has(client)) return;
    watched.add(client);
    client.on('error', markConnectionLost);
  });
  const connect = pool.connect.bind(pool);
  pool.connect = ((callback?: Parameters<PoolConnect>[0]) => {
    if (!callback) return connect().catch(rethrowMarked);
    connect((error, ...connection) => {
      if (error) markConnectFailure(error);
      callback(error, ...connection);
    });
  }) as DriverPool['connect'];
  const query = pool.query.bind(pool);
  pool.query = (...args) => query(...args)?.catch(rethrowAsOutage);
}

function reportingOutages<Runner extends QueryRunner>(runner: Runner): Runner {
  const connect = runner.connect.bind(runner);
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.connect = () => connect().catch(rethrowAsOutage);
  runner.query = ((...args: unknown[]) => query(...args).catch(rethrowAsOutage)) as Runner['query'];
  return runner;
}

function rethrowMarked(error: unknown): never {
  markConnectFailure(error);
  throw error;
}

function rethrowAsOutage(error: unknown): never {
  throw asOutage(error);
}
