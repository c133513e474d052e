import { NotFoundError, UnauthenticatedError, UnavailableError } from '@herald/errors';
import type { Logger } from '@herald/logging';
import {
  createGrpcServer,
  loadHeraldProto,
  type GrpcStatusReport,
  type GrpcTemplateVersion,
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
  /** Every GetTemplateVersion call, in order. */
  readonly versionLookups: readonly { code: string; locale: string; version: number }[];
  /** RenderTemplate calls: workers render in-process, so they make none. */
  readonly renderCalls: number;
  /** Adds a version of the template with these sources and makes it the published one; returns its number. */
  publishVersion(sources: TemplateSourcesFixture): number;
  /** The statuses reported for the notification, in order; lease renewals left out. */
  statusesOf(notificationId: string): string[];
  /** Health answers NOT_SERVING for every service from now on, as a peer that starts to shut down. */
  drain(): void;
  close(): Promise<void>;
}

/** A version's Handlebars sources and links, as templates stores them (absent: none). */
export type TemplateSourcesFixture = Partial<
  Pick<GrpcTemplateVersion, 'locale' | 'subject' | 'title' | 'body_html' | 'image_url' | 'link'>
> & { readonly body: string };

export interface WorkerPeersOptions {
  readonly users: readonly GrpcUser[];
  readonly channel: 'EMAIL' | 'PUSH';
  /** Version 1 of the template served under any code, published; the worker renders it. */
  readonly template: TemplateSourcesFixture;
  readonly internalToken: string;
  readonly log: Logger;
}

const SETTLED = new Set(['DELIVERED', 'FAILED', 'SKIPPED', 'CANCELLED', 'BOUNCED', 'COMPLAINED']);

export async function startWorkerPeers(options: WorkerPeersOptions): Promise<WorkerPeers> {
  const { herald } = loadHeraldProto();
  const server = createGrpcServer({ internalToken: options.internalToken, log: options.log });
  const reports: GrpcStatusReport[] = [];
  const invalidations: { user_id: string; token: string; reason: string }[] = [];
  const userLookups: string[] = [];
  const versionLookups: { code: string; locale: string; version: number }[] = [];
  const versions = [options.template];
  let published = 1;
  let renderCalls = 0;

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
    RecordEmailFeedback: async () => {
      throw new UnavailableError('workers never report email feedback');
    },
    UnsubscribeEmail: async () => {
      throw new UnavailableError('workers never unsubscribe users');
    },
  });
  server.addService(herald.v1.TemplateService.service, {
    GetTemplate: async ({ code }) => ({
      code,
      channel: options.channel,
      version: published,
      locale: versions[published - 1]!.locale ?? 'en',
      variables: [],
    }),
    GetTemplateVersion: async ({ code, locale, version }) => {
      versionLookups.push({ code, locale, version });
      const number = version || published;
      const sources = versions[number - 1];
      if (!sources) throw new NotFoundError(`template ${code} has no version ${number}`, { code });
      return {
        code,
        channel: options.channel,
        number,
        locale: 'en',
        subject: '',
        title: '',
        body_html: '',
        image_url: '',
        link: '',
        variables: [],
        ...sources,
      };
    },
    RenderTemplate: async () => {
      renderCalls += 1;
      throw new UnavailableError('workers render in-process; RenderTemplate is for previews');
    },
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
      lease_remaining_ms: 0,
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
    ReportStatusStream: async ({ reports: batch }) => ({ results: batch.map(apply) }),
  });

  const port = await server.listen(0, '127.0.0.1');
  return {
    address: `127.0.0.1:${port}`,
    reports,
    invalidations,
    userLookups,
    versionLookups,
    get renderCalls() {
      return renderCalls;
    },
    publishVersion(sources) {
      versions.push(sources);
      published = versions.length;
      return published;
    },
    statusesOf: (notificationId) => {
      const own = reports.filter((report) => report.notification_id === notificationId);
      // A lease renewal (the handling that claimed, claiming again while it sends) changes nothing.
      const renews = (report: GrpcStatusReport, index: number) =>
        report.status === 'SENDING' &&
        report.holder !== '' &&
        own
          .slice(0, index)
          .some((earlier) => earlier.status === 'SENDING' && earlier.holder === report.holder);
      return own.filter((report, index) => !renews(report, index)).map((report) => report.status);
    },
    drain: () => server.drain(),
    close: () => server.close(),
  };
}
