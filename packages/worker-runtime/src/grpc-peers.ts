import { NotFoundError } from '@herald/errors';
import {
  createGrpcClient,
  createGrpcHealthProbe,
  loadHeraldProto,
  type GrpcDevice,
  type GrpcTemplateVersion,
  type GrpcUser,
} from '@herald/proto';
import type { MetricsRegistry } from '@herald/observability';
import type { ReadinessProbe } from '@herald/lifecycle';
import type { DeviceKind, Recipient, RecipientDevice } from './delivery-channel';
import type {
  FeedbackReporter,
  PushTokenRegistry,
  StatusChange,
  StatusReceipt,
  StatusReporter,
  TemplateVersionSource,
  TemplateVersions,
  UserDirectory,
} from './delivery-peers';
import { createStatusBatcher } from './status-batcher';

export interface GrpcPeerOptions {
  /** host:port of each service. */
  readonly usersAddress: string;
  readonly templatesAddress: string;
  readonly notificationsAddress: string;
  readonly internalToken: string;
  readonly deadlineMs: number;
  /** How long status reports wait to share a batch on the status stream. */
  readonly statusFlushMs: number;
  /** How long a terminal report may wait to ride with the next claim's batch. */
  readonly statusTerminalLingerMs: number;
  /** Receives the gRPC client latency histogram. */
  readonly metrics: MetricsRegistry;
}

/** notifications' limits on a report's detail and on a batch. */
const MAX_DETAIL = 2000;
const MAX_BATCH = 500;
/** Status batches a worker has under way; more reports wait and join the next batch. */
const MAX_BATCHES_IN_FLIGHT = 2;

export interface GrpcPeers {
  readonly statuses: StatusReporter;
  /** Bounces and complaints, one unary ReportStatus each: the listener answers the reporting server with the outcome. */
  readonly feedback: FeedbackReporter;
  /** Resolves while the status stream to notifications is open or opens; the readiness probe. */
  checkStatusStream(): Promise<void>;
  readonly users: UserDirectory;
  readonly templateVersions: TemplateVersions;
  readonly pushTokens: PushTokenRegistry;
  /** /ready checks: each peer's grpc.health.v1 answer for the service called here. */
  readonly probes: readonly ReadinessProbe[];
  close(): Promise<void>;
}

/** The delivery peers over gRPC; failures arrive as HeraldErrors (transport → UnavailableError). */
export function createGrpcPeers(options: GrpcPeerOptions): GrpcPeers {
  const { herald } = loadHeraldProto();
  const clientOptions = {
    internalToken: options.internalToken,
    deadlineMs: options.deadlineMs,
    metrics: options.metrics,
  };
  const users = createGrpcClient(herald.v1.UserService, options.usersAddress, clientOptions);
  const templates = createGrpcClient(herald.v1.TemplateService, options.templatesAddress, clientOptions);
  const statuses = createGrpcClient(
    herald.v1.NotificationStatusService,
    options.notificationsAddress,
    clientOptions,
  );
  const probes = [
    createGrpcHealthProbe('users_grpc', options.usersAddress, herald.v1.UserService),
    createGrpcHealthProbe('templates_grpc', options.templatesAddress, herald.v1.TemplateService),
    createGrpcHealthProbe(
      'notifications_grpc',
      options.notificationsAddress,
      herald.v1.NotificationStatusService,
    ),
  ];
  const toReport = (change: StatusChange) => ({
    notification_id: change.notificationId,
    status: change.status,
    // notifications refuses longer details, and would refuse the whole batch with them.
    detail: change.detail.slice(0, MAX_DETAIL),
    attempt: change.attempt,
    timestamp: change.at.toISOString(),
    delivery_id: change.deliveryId ?? '',
    status_code: '',
    holder: change.lease?.holder ?? '',
    lease_ms: change.lease?.ms ?? 0,
  });
  // One stream per worker process, kept open: a batch is a message on it, not a call.
  const batcher = createStatusBatcher(
    async (changes) => {
      const { results } = await statuses.ReportStatusStream.request({ reports: changes.map(toReport) });
      // The batch answers an unknown notification in place, where ReportStatus fails with NOT_FOUND.
      return results.map((result) =>
        !result.applied && result.status === ''
          ? new NotFoundError(`notification ${result.notification_id} not found`)
          : toReceipt(result),
      );
    },
    {
      flushMs: options.statusFlushMs,
      terminalLingerMs: options.statusTerminalLingerMs,
      maxBatch: MAX_BATCH,
      maxInFlight: MAX_BATCHES_IN_FLIGHT,
    },
  );
  return {
    statuses: batcher,
    feedback: {
      report: async (change) =>
        toReceipt(
          await statuses.ReportStatus({
            notification_id: change.notificationId,
            status: change.status,
            detail: change.detail.slice(0, MAX_DETAIL),
            attempt: 0,
            timestamp: change.at.toISOString(),
            delivery_id: '',
            status_code: change.statusCode,
          }),
        ),
    },
    checkStatusStream: () => statuses.ReportStatusStream.check(),
    users: {
      getUser: async (id) => toRecipient(await users.GetUser({ id })),
    },
    templateVersions: {
      getVersion: async ({ code, locale, version }) =>
        toVersionSource(await templates.GetTemplateVersion({ code, locale, version })),
    },
    pushTokens: {
      invalidate: async (userId, token, reason) => {
        await users.InvalidatePushToken({ user_id: userId, token, reason });
      },
    },
    probes,
    close: async () => {
      await batcher.flush();
      for (const probe of probes) probe.close();
      users.close();
      templates.close();
      statuses.close();
    },
  };
}

function toReceipt(result: {
  applied: boolean;
  status: string;
  claimed_by_another_delivery: boolean;
  lease_remaining_ms: number;
}): StatusReceipt {
  return {
    applied: result.applied,
    status: result.status,
    claimedByAnotherDelivery: result.claimed_by_another_delivery,
    leaseRemainingMs: result.lease_remaining_ms,
  };
}

function toRecipient(user: GrpcUser): Recipient {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    devices: user.devices.flatMap(toRecipientDevices),
    // A user without stored preferences gets every channel (the users service default).
    preferences: {
      email: user.preferences?.email ?? true,
      push: user.preferences?.push ?? true,
      optedOutCategories: user.preferences?.opted_out_categories ?? [],
    },
    emailSuppressed: user.email_suppressed,
  };
}

/** A kind this worker does not know yet cannot be sent to; it is left out rather than failing the user. */
function toRecipientDevices(device: GrpcDevice): RecipientDevice[] {
  const kind = device.kind;
  if (!isDeviceKind(kind)) return [];
  return [
    {
      id: device.id,
      kind,
      token: device.token || undefined,
      endpoint: device.endpoint || undefined,
      p256dh: device.p256dh || undefined,
      auth: device.auth || undefined,
      valid: device.valid,
    },
  ];
}

function isDeviceKind(kind: string): kind is DeviceKind {
  return kind === 'FCM' || kind === 'WEB_PUSH';
}

/** proto3 sends absent strings as ''; a source absent is null, a URL absent undefined. */
function toVersionSource(version: GrpcTemplateVersion): TemplateVersionSource {
  return {
    templateCode: version.code,
    number: version.number,
    locale: version.locale,
    subject: version.subject || null,
    title: version.title || null,
    body: version.body,
    bodyHtml: version.body_html || null,
    imageUrl: version.image_url || undefined,
    link: version.link || undefined,
  };
}
