import type { DataSource } from 'typeorm';

/** Outbox rows not yet confirmed by the broker, and how long the oldest has waited. */
export interface OutboxBacklog {
  readonly pending: number;
  /** 0 when nothing is pending; measured by the database clock, as the rows were stamped. */
  readonly oldestAgeSeconds: number;
}

/** Reads only unpublished rows (a partial index), so published history does not slow a scrape. */
const BACKLOG_SQL = `
  SELECT count(*)::int AS pending,
         COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest_age_seconds
  FROM outbox WHERE published_at IS NULL`;

export function createOutboxBacklogReader(db: DataSource): () => Promise<OutboxBacklog> {
  return async () => {
    const [row] = (await db.query(BACKLOG_SQL)) as { pending: number; oldest_age_seconds: number }[];
    return { pending: row?.pending ?? 0, oldestAgeSeconds: Math.max(0, row?.oldest_age_seconds ?? 0) };
  };
}
