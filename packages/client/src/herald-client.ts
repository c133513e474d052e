import { createNotificationsApi, type NotificationsApi } from './api/notifications.api.ts';
import { newRequestId } from './api/request-id.ts';
import { createSystemApi, type SystemApi } from './api/system.api.ts';
import { createTemplatesApi, type TemplatesApi } from './api/templates.api.ts';
import {
  createApiKeysApi,
  createDevicesApi,
  createLogin,
  createUsersApi,
  type ApiKeysApi,
  type AuthPayload,
  type DevicesApi,
  type UsersApi,
} from './api/users.api.ts';
import { DEFAULT_RECONNECT, type HeraldClientOptions, type RequestOptions } from './client-options.ts';
import type { CredentialSource } from './credential.ts';
import {
  NotificationStatusChangedDocument,
  type NotificationStatusChangedSubscription,
  type NotificationStatusChangedSubscriptionVariables,
} from './generated/operations.ts';
import { createHttpTransport } from './transport/http-transport.ts';
import {
  createSubscriptionTransport,
  type SubscriptionTransport,
} from './transport/subscription-transport.ts';
import type { TypedDocument } from './transport/typed-document.ts';
import { createRepeatFilter } from './watch/repeat-filter.ts';
import { watchSubscription, type Watch } from './watch/watch-subscription.ts';

/** A status change of a notification, with the notification as it left it. */
export type NotificationStatusEvent = NotificationStatusChangedSubscription['notificationStatusChanged'];

export interface HeraldClient {
  readonly notifications: NotificationsApi;
  readonly templates: TemplatesApi;
  readonly users: UsersApi;
  readonly devices: DevicesApi;
  readonly apiKeys: ApiKeysApi;
  /** Readiness, queues and breakers, for an admin. */
  readonly system: SystemApi;
  /** A user's JWT: act as them with `client.withCredential({ token })`. */
  login(email: string, password: string, options?: RequestOptions): Promise<AuthPayload>;
  /** One notification's changes, its current status first. */
  watchNotification(notificationId: string): Watch<NotificationStatusEvent>;
  /** Every change of one user's notifications, from now on; a user may watch only their own. */
  watchUser(userId: string): Watch<NotificationStatusEvent>;
  /** Any other subscription, typed by its document; it reconnects as the watches do. */
  subscribe<TResult, TVariables>(
    document: TypedDocument<TResult, TVariables>,
    variables: TVariables,
  ): Watch<TResult>;
  /** Any other query or mutation, typed by its document (see the generated `…Document`s). */
  request<TResult, TVariables>(
    document: TypedDocument<TResult, TVariables>,
    variables: TVariables,
    options?: RequestOptions,
  ): Promise<TResult>;
  /** The same client acting with another credential (its own subscription connection). */
  withCredential(credential: CredentialSource | undefined): HeraldClient;
  /** Ends the watches and closes the subscription connection. */
  close(): Promise<void>;
}

export function createHeraldClient(options: HeraldClientOptions): HeraldClient {
  const run = createHttpTransport({
    url: options.url,
    fetch: options.fetch ?? globalFetch(),
    credential: options.credential,
    headers: options.headers ?? {},
  });
  const reconnect = { ...DEFAULT_RECONNECT, ...options.reconnect };
  let subscriptions: SubscriptionTransport | undefined;
  const openWatch = <TData, TVariables, TEvent>(
    document: TypedDocument<TData, TVariables>,
    variables: TVariables,
    toEvent: (data: TData) => TEvent,
    isRepeat: (event: TEvent) => boolean,
  ): Watch<TEvent> => {
    subscriptions ??= createSubscriptionTransport({
      url: options.subscriptionUrl ?? subscriptionUrlFor(options.url),
      webSocketImpl: options.webSocketImpl ?? globalWebSocket(),
      credential: options.credential,
      reconnect,
      onReconnected: options.onReconnected ?? (() => undefined),
    });
    return watchSubscription({ transport: subscriptions, document, variables, toEvent, isRepeat, reconnect });
  };
  const watchStatus = (variables: NotificationStatusChangedSubscriptionVariables) =>
    openWatch(
      NotificationStatusChangedDocument,
      variables,
      (data) => data.notificationStatusChanged,
      createRepeatFilter(),
    );
  return {
    notifications: createNotificationsApi(run, () => newRequestId(globalThis.crypto)),
    templates: createTemplatesApi(run),
    users: createUsersApi(run),
    devices: createDevicesApi(run),
    apiKeys: createApiKeysApi(run),
    system: createSystemApi(run),
    login: createLogin(run),
    watchNotification: (notificationId) => watchStatus({ notificationId }),
    watchUser: (userId) => watchStatus({ userId }),
    subscribe: (document, variables) =>
      openWatch(
        document,
        variables,
        (data) => data,
        () => false,
      ),
    request: run,
    withCredential: (credential) => createHeraldClient({ ...options, credential }),
    close: async () => {
      await subscriptions?.close();
    },
  };
}

function globalFetch(): typeof fetch {
  if (typeof globalThis.fetch !== 'function') {
    throw new TypeError('no global fetch: pass `fetch` in the options (Node 20+ and browsers have one)');
  }
  return (input, init) => globalThis.fetch(input, init);
}

function globalWebSocket(): unknown {
  const { WebSocket } = globalThis as { WebSocket?: unknown };
  if (!WebSocket) {
    throw new TypeError(
      'no global WebSocket: pass `webSocketImpl` in the options (on Node 20, the ws package)',
    );
  }
  return WebSocket;
}

/** `url` with ws: or wss:, resolved against the page when relative (a console served by the gateway). */
export function subscriptionUrlFor(url: string, base: string | undefined = pageUrl()): string {
  const absolute = new URL(url, base);
  absolute.protocol = absolute.protocol === 'https:' ? 'wss:' : 'ws:';
  return absolute.toString();
}

function pageUrl(): string | undefined {
  return (globalThis as { location?: { href: string } }).location?.href;
}
