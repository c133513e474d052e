import {
  createGrpcClient,
  loadHeraldProto,
  type GrpcDevice,
  type GrpcRenderedMessage,
  type GrpcUser,
} from '@herald/proto';
import type { DeviceKind, Recipient, RecipientDevice, RenderedContent } from './delivery-channel';
import type { DeliveryPeers } from './delivery-peers';

export interface GrpcPeerOptions {
  /** host:port of each service. */
  readonly usersAddress: string;
  readonly templatesAddress: string;
  readonly notificationsAddress: string;
  readonly internalToken: string;
  readonly deadlineMs: number;
}

/** The delivery peers over gRPC; failures arrive as HeraldErrors (transport → UnavailableError). */
export function createGrpcPeers(options: GrpcPeerOptions): DeliveryPeers & { close(): void } {
  const { herald } = loadHeraldProto();
  const clientOptions = { internalToken: options.internalToken, deadlineMs: options.deadlineMs };
  const users = createGrpcClient(herald.v1.UserService, options.usersAddress, clientOptions);
  const templates = createGrpcClient(herald.v1.TemplateService, options.templatesAddress, clientOptions);
  const statuses = createGrpcClient(
    herald.v1.NotificationStatusService,
    options.notificationsAddress,
    clientOptions,
  );
  return {
    statuses: {
      report: async (change) => {
        const result = await statuses.ReportStatus({
          notification_id: change.notificationId,
          status: change.status,
          detail: change.detail,
          attempt: change.attempt,
          timestamp: change.at.toISOString(),
        });
        return { applied: result.applied, status: result.status };
      },
    },
    users: {
      getUser: async (id) => toRecipient(await users.GetUser({ id })),
    },
    templates: {
      render: async (request) =>
        toRenderedContent(
          await templates.RenderTemplate({
            code: request.code,
            locale: request.locale,
            version: request.version,
            variables_json: JSON.stringify(request.variables),
          }),
        ),
    },
    close: () => {
      users.close();
      templates.close();
      statuses.close();
    },
  };
}

function toRecipient(user: GrpcUser): Recipient {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    devices: user.devices.flatMap(toRecipientDevices),
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

/** proto3 sends absent strings as ''; the domain says undefined. */
function toRenderedContent(message: GrpcRenderedMessage): RenderedContent {
  return {
    templateCode: message.code,
    version: message.version,
    locale: message.locale,
    subject: message.subject || undefined,
    title: message.title || undefined,
    body: message.body,
    bodyHtml: message.body_html || undefined,
    imageUrl: message.image_url || undefined,
    link: message.link || undefined,
  };
}
