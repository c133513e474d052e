import { authenticatedCall } from '../authenticated-call';
import { parseRequest } from '../request-input';
import { restNotification } from '../rest-mappers';
import { answer } from '../rest-responses';
import { notificationIdParams } from '../rest-schemas';
import type { MountRestRoute } from './rest-route';

/** GET /notifications/:id/status: NotificationService.Get. */
export const mountGetNotificationStatus: MountRestRoute = (router, { notifications, send }) => {
  router.get('/notifications/:id/status', async (req, res) => {
    const params = parseRequest(send, notificationIdParams, req.params, req, res);
    if (!params) return;
    const caller = authenticatedCall(send, req, res);
    if (!caller) return;
    const result = await notifications(caller, (client, metadata) => client.Get({ id: params.id }, metadata));
    answer(res, result, (notification) => ({
      status: 200,
      message: 'notification status',
      data: restNotification(notification),
    }));
  });
};
