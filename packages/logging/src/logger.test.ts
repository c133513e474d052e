import { Writable } from 'node:stream';
import { runWithContext } from './log-context';
import { createLogger } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      raw.push(chunk.toString());
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { lines, raw, log: createLogger({ service: 'test', destination }) };
}

describe('createLogger', () => {
  it('writes JSON lines with the service and the correlation id of the current context', () => {
    const { lines, log } = capture();
    runWithContext({ correlation_id: 'c-1', notification_id: 'n-1' }, () => log.info('accepted'));
    expect(lines[0]).toMatchObject({
      service: 'test',
      correlation_id: 'c-1',
      notification_id: 'n-1',
      message: 'accepted',
      level: 'info',
    });
  });

  it('writes the correlation id once when a child logger already carries it', () => {
    const { raw, log } = capture();
    runWithContext({ correlation_id: 'c-2' }, () => log.child({ correlation_id: 'c-2' }).info('consumed'));
    expect(raw[0]?.match(/correlation_id/g)).toHaveLength(1);
  });

  it('never writes passwords, tokens or authorization headers', () => {
    const { lines, log } = capture();
    log.info(
      { password: 'hunter22', user: { token: 'abc' }, headers: { authorization: 'Bearer xyz' } },
      'login',
    );
    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/hunter22|abc|xyz/);
  });
});
