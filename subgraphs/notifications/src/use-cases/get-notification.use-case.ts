import { z } from 'zod';
import type { Caller } from '@herald/subgraph';
import type { Notification } from '../domain/notification';
import type { NotificationRepository } from './ports';
import { readerOf } from './read-access';

export type GetNotification = (id: string, caller: Caller) => Promise<Notification | undefined>;

/**
 * Undefined when there is no such notification; an id that is not a UUID names none. Another
 * user's notification reads as absent, so its existence is not revealed.
 */
export function makeGetNotification(deps: { notifications: NotificationRepository }): GetNotification {
  return async (id, caller) => {
    const { owner } = readerOf(caller);
    if (!z.uuid().safeParse(id).success) return undefined;
    const notification = await deps.notifications.findById(id);
    return notification && (!owner || notification.userId === owner) ? notification : undefined;
  };
}
