import { z } from 'zod';
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

export type ListNotifications = (input: ListNotificationsInput) => Promise<NotificationPage>;

/** Newest first. */
export function makeListNotifications(deps: { notifications: NotificationRepository }): ListNotifications {
  return async ({ filter, page, limit }) => {
    const { items, total } = await deps.notifications.list(
      {
        userId: filter?.userId ?? undefined,
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
