import type { NotificationDetail } from '@herald/client';
import { useEffect, useState } from 'react';
import { useSession } from '../session/session-context.tsx';
import { applyStatusEvent } from './timeline.ts';

export type LiveState = 'connecting' | 'live' | 'ended';

/**
 * A notification as fetched, then kept current by its live status events, until the view goes
 * away. Events that arrive before the fetch answers are held and applied to it.
 */
export function useLiveNotification(id: string) {
  const { client, endIfRefused } = useSession();
  const [notification, setNotification] = useState<NotificationDetail | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [live, setLive] = useState<LiveState>('connecting');
  useEffect(() => {
    const abort = new AbortController();
    const watch = client.watchNotification(id);
    let current: NotificationDetail | null | undefined;
    const early: Parameters<typeof applyStatusEvent>[1][] = [];
    setNotification(undefined);
    setError(undefined);
    setLive('connecting');
    client.notifications.get(id, { signal: abort.signal }).then(
      (fetched) => {
        current = fetched && early.reduce(applyStatusEvent, fetched);
        setNotification(current);
      },
      (caught: unknown) => {
        if (!abort.signal.aborted && !endIfRefused(caught)) setError(caught);
      },
    );
    void (async () => {
      try {
        for await (const event of watch) {
          setLive('live');
          if (current) {
            current = applyStatusEvent(current, event);
            setNotification(current);
          } else {
            early.push(event);
          }
        }
        setLive('ended');
      } catch (caught) {
        setLive('ended');
        if (!abort.signal.aborted && !endIfRefused(caught)) setError(caught);
      }
    })();
    return () => {
      abort.abort();
      void watch.close();
    };
  }, [client, endIfRefused, id]);
  return { notification, error, live };
}
