import type { AddressInfo } from 'node:net';
import express from 'express';
import { captureLog, waitFor } from '@herald/testkit';
import { correlationIdMiddleware } from './correlation-id';
import { requestLogMiddleware } from './request-log';

describe('requestLogMiddleware', () => {
  it('writes one line per request with its correlation id, path without query, status and duration', async () => {
    const { log, lines } = captureLog('gateway');
    const app = express();
    app.use(correlationIdMiddleware(), requestLogMiddleware(log));
    app.get('/api/v1/notifications/:id', (_req, res) => void res.status(404).json({}));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/api/v1/notifications/n-1?token=secret`, {
        headers: { 'x-correlation-id': 'corr-edge-1' },
      }).then((response) => response.text());
      await waitFor(() => lines.length > 0, { description: 'the request line' });
      expect(lines).toEqual([
        expect.objectContaining({
          level: 'info',
          service: 'gateway',
          correlation_id: 'corr-edge-1',
          method: 'GET',
          path: '/api/v1/notifications/n-1',
          status: 404,
          duration_ms: expect.any(Number),
          message: 'request handled',
        }),
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('leaves the token of an unsubscribe link out of the logged path', async () => {
    const { log, lines } = captureLog('gateway');
    const app = express();
    app.use(correlationIdMiddleware(), requestLogMiddleware(log));
    app.get('/unsubscribe/:token', (_req, res) => void res.status(200).send('ok'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/unsubscribe/AbCdEf-secret_token`).then((response) =>
        response.text(),
      );
      await waitFor(() => lines.length > 0, { description: 'the request line' });
      expect(lines[0]).toMatchObject({ path: '/unsubscribe/:token', status: 200 });
      expect(JSON.stringify(lines)).not.toContain('secret_token');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
