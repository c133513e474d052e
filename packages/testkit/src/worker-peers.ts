import { NotFoundError, UnauthenticatedError } from '@herald/errors';
import type { Logger } from '@herald/logging';
import {
  createGrpcServer,
  loadHeraldProto,
  type GrpcRenderedMessage,
  type GrpcStatusReport,
  type GrpcUser,
} from '@herald/proto';

/** Real gRPC UserService, TemplateService and NotificationStatusService with canned data, for worker tests. */
export interface WorkerPeers {
  /** host:port serving all three services. */
  readonly address: string;
  readonly reports: readonly GrpcStatusReport[];
  /** The id of every GetUser call, in order. */
  readonly userLookups: readonly string[];
  /** Every InvalidatePushToken call, in order. */
  readonly invalidations: readonly { user_id: string; token: string; reason: string }[];
  statusesOf(notificationId: string): string[];
  close(): Promise<void>;
}

export interface WorkerPeersOptions {
  readonly users: readonly GrpcUser[];
  readonly channel: 'EMAIL' | 'PUSH';
  /** Renders a template from its variables; throw a HeraldError to refuse (e.g. UnprocessableError). */
  readonly render: (variables: Record<string, unknown>) => Partial<GrpcRenderedMessage>;
  readonly internalToken: string;
  readonly log: Logger;
}

const SETTLED = new Set(['DELIVERED', 'FAILED', 'SKIPPED', 'CANCELLED']);

export async function startWorkerPeers(options: WorkerPeersOptions): Promise<WorkerPeers> {
  const { herald } = loadHeraldProto();
  const server = createGrpcServer({ internalToken: options.internalToken, log: options.log });
  const reports: GrpcStatusReport[] = [];
  const invalidations: { user_id: string; token: string; reason: string }[] = [];
  const userLookups: string[] = [];

  server.addService(herald.v1.UserService.service, {
    GetUser: async ({ id }) => {
      userLookups.push(id);
      const user = options.users.find((candidate) => candidate.id === id);
      if (!user) throw new NotFoundError(`user ${id} not found`);
      return user;
    },
    GetUsers: async ({ ids }) => ({ users: options.users.filter((user) => ids.includes(user.id)) }),
    InvalidatePushToken: async ({ user_id, token, reason }) => {
      invalidations.push({ user_id, token, reason });
      return { invalidated: true };
    },
    VerifyCredential: async () => {
      throw new UnauthenticatedError('workers never verify credentials');
    },
  });
  server.addService(herald.v1.TemplateService.service, {
    GetTemplate: async ({ code }) => ({
      code,
      channel: options.channel,
      version: 1,
      locale: 'en',
      variables: [],
    }),
    RenderTemplate: async ({ code, locale, version, variables_json }) => ({
      code,
      channel: options.channel,
      version: version || 1,
      locale: locale || 'en',
      ...options.render(JSON.parse(variables_json) as Record<string, unknown>),
    }),
  });
  // Like the notifications service: nothing moves a settled notification, so a redelivered
  // message's claim (SENDING) comes back not applied with the settled status; and while one copy
  // of a message (delivery_id) holds SENDING, another copy's claim is refused.
  const current = new Map<string, { status: string; claimedBy: string }>();
  const apply = (report: GrpcStatusReport) => {
    reports.push(report);
    const answer = (applied: boolean, status: string, claimedByAnotherDelivery = false) => ({
      notification_id: report.notification_id,
      applied,
      status,
      claimed_by_another_delivery: claimedByAnotherDelivery,
    });
    const held = current.get(report.notification_id);
    if (held && SETTLED.has(held.status)) return answer(false, held.status);
    if (report.status === 'SENDING' && held?.status === 'SENDING') {
      const another =
        held.claimedBy !== '' && report.delivery_id !== '' && held.claimedBy !== report.delivery_id;
      return answer(false, held.status, another);
    }
    current.set(report.notification_id, {
      status: report.status,
      claimedBy: report.status === 'SENDING' ? report.delivery_id : (held?.claimedBy ?? ''),
    });
    return answer(true, report.status);
  };
  server.addService(herald.v1.NotificationStatusService.service, {
    ReportStatus: async (report) => apply(report),
    ReportStatusBatch: async ({ reports: batch }) => ({ results: batch.map(apply) }),
  });

  const port = await server.listen(0, '127.0.0.1');
  return {
    address: `127.0.0.1:${port}`,
    reports,
    invalidations,
    userLookups,
    statusesOf: (notificationId) =>
      reports.filter((report) => report.notification_id === notificationId).map((report) => report.status),
    close: () => server.close(),
  };
}
