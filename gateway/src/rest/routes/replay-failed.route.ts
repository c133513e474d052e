import { authenticatedCall } from '../authenticated-call';
import { parseRequest } from '../request-input';
import { answer } from '../rest-responses';
import { replayFailedBody } from '../rest-schemas';
import type { MountRestRoute } from './rest-route';

/** POST /notifications/replay: NotificationService.ReplayFailed, the failed notifications sent again. */
export const mountReplayFailed: MountRestRoute = (router, { notifications, send, jsonBody }) => {
  router.post('/notifications/replay', ...jsonBody, async (req, res) => {
    const body = parseRequest(send, replayFailedBody, req.body, req, res);
    if (!body) return;
    const caller = authenticatedCall(send, req, res);
    if (!caller) return;
    const result = await notifications(caller, (client, metadata) =>
      client.ReplayFailed(
        {
          channel: body.notification_type?.toUpperCase() ?? '',
          failed_from: body.failed_from ?? '',
          failed_to: body.failed_to ?? '',
          reason: body.reason ?? '',
          limit: body.limit,
        },
        metadata,
      ),
    );
    answer(res, result, ({ replayed, notification_ids }) => ({
      status: 200,
      message: `${replayed} failed notification(s) replayed`,
      data: { replayed, notification_ids },
    }));
  });
};
