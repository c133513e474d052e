import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@herald/logging';

/** A logger at info whose JSON lines are kept, parsed, for a test to read. */
export function captureLog(service: string): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { log: createLogger({ service, destination }), lines };
}
