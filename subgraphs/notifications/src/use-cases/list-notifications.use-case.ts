import { z } from 'zod';
import { ForbiddenError } from '@herald/errors';
import { parseInput } from '@herald/subgraph';
import { requireNotificationReader, type Caller } from '@herald/identity';
import { CHANNELS, type Notification } from '../domain/notification';
import { NOTIFICATION_STATUSES } from '../domain/notification-status';
import { pageMeta, type PageMeta } from '@herald/paging';
import type { NotificationRepository } from '../store/notification.repository';

export const MAX_PAGE_SIZE = 100;

/** The arguments of Query.notifications, validated. */
export const listNotificationsInput = z.object({
  filter: z
    .object({
      userId: z.uuid().nullish(),
      status: z.enum(NOTIFICATION_STATUSES).nullish(),
      channel: z.enum(CHANNELS).nullish(),
      from: z.date().nullish(),
      to: z.date().nullish(),
    })
    .refine((filter) => !filter.from || !filter.to || filter.from < filter.to, {
      error: 'from must be before to',
      path: ['to'],
    })
    .nullish(),
  page: z
    .number()
    .int()
    .min(1)
    .nullish()
    .transform((value) => value ?? 1),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .nullish()
    .transform((value) => value ?? 10),
});

export type ListNotificationsInput = z.output<typeof listNotificationsInput>;

export interface NotificationPage {
  readonly items: Notification[];
  readonly meta: PageMeta;
}

export interface ListNotificationsCommand {
  /** The arguments of Query.notifications as the entry point received them; validated here. */
  readonly input: unknown;
  readonly caller: Caller;
}

export type ListNotifications = (command: ListNotificationsCommand) => Promise<NotificationPage>;

/**
 * Newest first. A user (not an admin) lists only their own notifications: their filter is forced
 * to themselves, and naming another user is FORBIDDEN.
 */
export function makeListNotifications(deps: { notifications: NotificationRepository }): ListNotifications {
  return async ({ input, caller }) => {
    const { owner } = requireNotificationReader(caller);
    const { filter, page, limit } = parseInput(listNotificationsInput, input);
    if (owner && filter?.userId && filter.userId !== owner) {
      throw new ForbiddenError('a user can list only their own notifications');
    }
    const { items, total } = await deps.notifications.list(
      {
        userId: owner ?? filter?.userId ?? undefined,
        status: filter?.status ?? undefined,
        channel: filter?.channel ?? undefined,
        from: filter?.from ?? undefined,
        to: filter?.to ?? undefined,
      },
      { page, limit },
    );
    return { items, meta: pageMeta(total, { page, limit }) };
  };
}
