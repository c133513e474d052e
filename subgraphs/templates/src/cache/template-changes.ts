import type { Logger } from '@herald/logging';
import type { PubSubChannel } from '@herald/redis';

export interface TemplateChangeMessage {
  readonly code: string;
}

export interface TemplateChanges {
  /** Forgets the template here at once, then tells every replica; Redis failures are logged, not thrown. */
  announce(code: string): Promise<void>;
  /** Subscribes; waits at most `waitMs` for Redis, and keeps trying in the background after that. */
  listen(waitMs: number): Promise<void>;
}

/**
 * Publish invalidations across replicas. Fails open: with Redis down a replica keeps serving
 * its cached resolutions until their TTL ends, which bounds how long a publish goes unseen.
 */
export function createTemplateChanges(
  channel: PubSubChannel<TemplateChangeMessage>,
  forget: (code: string) => void,
  log: Logger,
): TemplateChanges {
  return {
    async announce(code) {
      forget(code);
      try {
        await channel.publish({ code });
      } catch (error) {
        log.warn(
          { err: error, template_code: code },
          'could not announce a template change; replicas catch up on TTL',
        );
      }
    },
    async listen(waitMs) {
      const subscribed = channel.subscribe((message) => {
        if (typeof message?.code === 'string') forget(message.code);
      });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), waitMs);
      });
      const outcome = await Promise.race([
        subscribed.then(
          () => 'subscribed' as const,
          (error: unknown) => {
            log.warn({ err: error }, 'template change subscription failed');
            return 'failed' as const;
          },
        ),
        timedOut,
      ]).finally(() => clearTimeout(timer));
      if (outcome !== 'subscribed') {
        log.warn('not subscribed to template changes; changes from other replicas arrive on TTL meanwhile');
      }
    },
  };
}
