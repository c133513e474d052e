import { authenticatedCall } from '../authenticated-call';
import { parseRequest } from '../request-input';
import { restStatus } from '../rest-mappers';
import { answer } from '../rest-responses';
import { REPORTED_STATUS, statusReportBody } from '../rest-schemas';
import type { MountRestRoute } from './rest-route';

/**
 * POST /:channel/status: a provider's delivery callback, NotificationService.ReportStatus. A
 * notifications service that does not serve the call is answered 501 (call-notifications.ts).
 */
export const mountReportStatus: MountRestRoute = (router, { notifications, send, jsonBody }) => {
  router.post('/:channel/status', ...jsonBody, async (req, res) => {
    const channel = req.params.channel;
    if (channel !== 'email' && channel !== 'push') {
      send(req, res, { code: 'NOT_FOUND', message: 'not found' });
      return;
    }
    const body = parseRequest(send, statusReportBody, req.body, req, res);
    if (!body) return;
    const caller = authenticatedCall(send, req, res);
    if (!caller) return;
    const result = await notifications(caller, (client, metadata) =>
      client.ReportStatus(
        {
          notification_id: body.notification_id,
          channel: channel.toUpperCase(),
          status: REPORTED_STATUS[body.status],
          detail: body.error ?? '',
          at: body.timestamp ?? '',
        },
        metadata,
      ),
    );
    answer(res, result, (report) => ({
      status: 200,
      message: report.applied ? 'status recorded' : 'status already superseded; not applied',
      data: {
        notification_id: report.notification_id,
        status: restStatus(report.status),
        applied: report.applied,
      },
    }));
  });
};
