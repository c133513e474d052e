import type { RequestHandler } from 'express';
import type { SendEdgeError } from './edge-errors';

/**
 * Refuses a request at once with UNAVAILABLE (503, Retry-After) while `maxInFlight` requests are
 * already being served. Past capacity, queueing only makes every caller wait longer: an overloaded
 * gateway that accepts everything answers minutes later, or times out, instead of telling the
 * client to back off now.
 */
export function loadShedding(maxInFlight: number, send: SendEdgeError): RequestHandler {
  let inFlight = 0;
  return (req, res, next) => {
    if (inFlight >= maxInFlight) {
      res.setHeader('Retry-After', '1');
      send(req, res, { code: 'UNAVAILABLE', message: 'the gateway is at capacity; retry shortly' });
      return;
    }
    inFlight += 1;
    // 'close' follows a finished response and an aborted one alike, once.
    res.once('close', () => (inFlight -= 1));
    next();
  };
}
