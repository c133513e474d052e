import WebSocket from 'ws';
import {
  createHeraldClient,
  type Credential,
  type HeraldClient,
  type HeraldClientOptions,
} from '@herald/client';
import type { SystemState } from './system-state';

type Gateway = Pick<SystemState, 'gatewayUrl' | 'adminApiKey'>;

/**
 * A @herald/client of the running gateway: as the admin, or with another credential, or with
 * none (`null`). Node 20 has no global WebSocket, so subscriptions use the ws package.
 */
export function heraldClient(
  gateway: Gateway,
  credential: Credential | null = { apiKey: gateway.adminApiKey },
  options: Partial<HeraldClientOptions> = {},
): HeraldClient {
  return createHeraldClient({
    url: `${gateway.gatewayUrl}/graphql`,
    credential: credential ?? undefined,
    webSocketImpl: WebSocket,
    ...options,
  });
}
