import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { round } from '../stats';
import type { Ceiling } from './ceiling';

/**
 * Raw pg: rows shaped like a notification (uuid key, a few columns, jsonb) inserted in
 * multi-row statements of `batch`, from `connections` connections at once, for `durationMs`.
 */
export async function measurePostgresCeiling(
  databaseUrl: string,
  options: { batch: number; connections: number; durationMs: number },
): Promise<Ceiling> {
  const { batch, connections, durationMs } = options;
  const pool = new Pool({ connectionString: databaseUrl, max: connections });
  try {
    await pool.query(`CREATE TABLE IF NOT EXISTS ceiling_rows (
      id uuid PRIMARY KEY, user_id uuid NOT NULL, channel text NOT NULL, status text NOT NULL,
      variables jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    const placeholders = Array.from(
      { length: batch },
      (_, row) => `($${row * 5 + 1}, $${row * 5 + 2}, $${row * 5 + 3}, $${row * 5 + 4}, $${row * 5 + 5})`,
    ).join(', ');
    const statement = `INSERT INTO ceiling_rows (id, user_id, channel, status, variables) VALUES ${placeholders}`;
    const user = randomUUID();
    const variables = JSON.stringify({ name: 'Ada', order: '#1' });
    let rows = 0;
    const start = performance.now();
    const deadline = start + durationMs;
    const insertLoop = async () => {
      while (performance.now() < deadline) {
        const values = Array.from({ length: batch }, () => [
          randomUUID(),
          user,
          'email',
          'accepted',
          variables,
        ]);
        await pool.query(statement, values.flat());
        rows += batch;
      }
    };
    await Promise.all(Array.from({ length: connections }, insertLoop));
    const seconds = (performance.now() - start) / 1000;
    return {
      name: 'postgres',
      title: `PostgreSQL: batched inserts of ${batch} rows, ${connections} connections (pg)`,
      perSecond: round(rows / seconds) ?? 0,
      unit: 'rows/s',
      detail: { rows, batch, connections, seconds: round(seconds, 2) },
    };
  } finally {
    await pool.end();
  }
}
