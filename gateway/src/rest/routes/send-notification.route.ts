import { authenticatedCall } from '../authenticated-call';
import { parseRequest } from '../request-input';
import { present, restStatus } from '../rest-mappers';
import { answer } from '../rest-responses';
import { sendNotificationBody } from '../rest-schemas';
import type { MountRestRoute } from './rest-route';

/** POST /notifications: NotificationService.Send; 202 when accepted, 200 for a repeated request_id. */
export const mountSendNotification: MountRestRoute = (router, { notifications, send, jsonBody }) => {
  router.post('/notifications', ...jsonBody, async (req, res) => {
    const body = parseRequest(send, sendNotificationBody, req.body, req, res);
    if (!body) return;
    const caller = authenticatedCall(send, req, res);
    if (!caller) return;
    const result = await notifications(caller, (client, metadata) =>
      client.Send(
        {
          channel: body.notification_type.toUpperCase(),
          user_id: body.user_id,
          template_code: body.template_code,
          variables_json: JSON.stringify(body.variables),
          request_id: body.request_id,
          priority: body.priority,
          metadata_json: body.metadata ? JSON.stringify(body.metadata) : '',
        },
        metadata,
      ),
    );
    answer(res, result, ({ duplicate, notification }) => {
      const { id, status, request_id } = present(notification, 'the notification');
      return {
        status: duplicate ? 200 : 202,
        message: duplicate ? 'this request_id was already accepted' : 'notification accepted',
        data: { notification_id: id, status: restStatus(status), request_id, duplicate },
      };
    });
  });
};
