import { authenticatedCall } from '../authenticated-call';
import { parseRequest } from '../request-input';
import { pageMetaOf, present, restNotification } from '../rest-mappers';
import { answer } from '../rest-responses';
import { listNotificationsQuery } from '../rest-schemas';
import type { MountRestRoute } from './rest-route';

/** GET /notifications: NotificationService.List, newest first, one page. */
export const mountListNotifications: MountRestRoute = (router, { notifications, send }) => {
  router.get('/notifications', async (req, res) => {
    const query = parseRequest(send, listNotificationsQuery, req.query, req, res);
    if (!query) return;
    const caller = authenticatedCall(send, req, res);
    if (!caller) return;
    const filter = {
      user_id: query.user_id ?? '',
      status: query.status?.toUpperCase() ?? '',
      channel: query.notification_type?.toUpperCase() ?? '',
    };
    const result = await notifications(caller, (client, metadata) =>
      client.List({ filter, page: query.page, limit: query.limit }, metadata),
    );
    answer(res, result, (page) => ({
      status: 200,
      message: 'notifications',
      data: page.items.map(restNotification),
      meta: pageMetaOf(present(page.meta, 'the page meta')),
    }));
  });
};
