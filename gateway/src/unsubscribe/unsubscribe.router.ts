import express, { Router, type Response } from 'express';
import type { UnsubscribeSubject, UnsubscribeTokenCodec } from '@herald/contracts';
import { NotFoundError } from '@herald/errors';
import type { Logger } from '@herald/logging';
import {
  UNSUBSCRIBE_PAGE_HEADERS,
  badRequestPage,
  confirmationPage,
  invalidLinkPage,
  unavailablePage,
  unsubscribedPage,
} from './unsubscribe-page';

export type UnsubscribeOutcome = 'unsubscribed' | 'already' | 'invalid' | 'failed' | 'bad_request';

export interface UnsubscribeRouterOptions {
  readonly tokens: UnsubscribeTokenCodec;
  /** Opts the user out (users' UnsubscribeEmail); resolves false when they already were. */
  readonly unsubscribe: (subject: UnsubscribeSubject) => Promise<boolean>;
  readonly count: (outcome: UnsubscribeOutcome) => void;
  readonly log: Logger;
}

/** RFC 8058's body, and all of it: one short field. */
const ONE_CLICK_BODY_LIMIT = '1kb';

/**
 * One-click unsubscribe (RFC 8058), without a login: the token is the credential. POST opts out at
 * once and is idempotent; GET only shows a page with a button, since mail scanners follow links.
 * A token that does not open (tampered, foreign, truncated) is a 404 that says no more.
 */
export function createUnsubscribeRouter({
  tokens,
  unsubscribe,
  count,
  log,
}: UnsubscribeRouterOptions): Router {
  const router = Router();
  const reply = (res: Response, status: number, html: string) => {
    res.status(status).set(UNSUBSCRIBE_PAGE_HEADERS).send(html);
  };

  router.get('/:token', (req, res) => {
    const subject = tokens.read(req.params.token);
    if (!subject) {
      count('invalid');
      reply(res, 404, invalidLinkPage());
      return;
    }
    reply(res, 200, confirmationPage(subject.category));
  });

  router.post(
    '/:token',
    express.urlencoded({ extended: false, limit: ONE_CLICK_BODY_LIMIT, parameterLimit: 10 }),
    async (req, res) => {
      const subject = tokens.read(req.params.token);
      if (!subject) {
        count('invalid');
        reply(res, 404, invalidLinkPage());
        return;
      }
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (body['List-Unsubscribe'] !== 'One-Click') {
        count('bad_request');
        reply(res, 400, badRequestPage());
        return;
      }
      try {
        const changed = await unsubscribe(subject);
        count(changed ? 'unsubscribed' : 'already');
        log.info({ user_id: subject.userId, category: subject.category, changed }, 'one-click unsubscribe');
        reply(res, 200, unsubscribedPage(subject.category));
      } catch (error) {
        if (error instanceof NotFoundError) {
          // The user is gone: the link no longer leads anywhere.
          count('invalid');
          reply(res, 404, invalidLinkPage());
          return;
        }
        count('failed');
        log.error({ err: error, user_id: subject.userId }, 'one-click unsubscribe failed');
        reply(res, 503, unavailablePage());
      }
    },
  );

  return router;
}
