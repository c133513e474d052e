import { createGrpcHealthClient, waitFor } from '@herald/testkit';
import { readSystemState } from './system-state';

const { ports } = readSystemState();

const GRPC_SERVICES: Record<string, readonly string[]> = {
  usersGrpc: ['herald.v1.UserService'],
  templatesGrpc: ['herald.v1.TemplateService'],
  notificationsGrpc: ['herald.v1.NotificationService', 'herald.v1.NotificationStatusService'],
};

/** Each gRPC client and the peers its /ready asks over grpc.health.v1. */
const GRPC_PEER_CHECKS: Record<string, readonly string[]> = {
  gateway: ['users_grpc', 'notifications_grpc'],
  notifications: ['users_grpc', 'templates_grpc'],
  email: ['users_grpc', 'templates_grpc', 'notifications_grpc'],
  push: ['users_grpc', 'templates_grpc', 'notifications_grpc'],
};

describe('health across the running system', () => {
  it.each(Object.entries(GRPC_SERVICES))(
    '%s answers SERVING for the server and each service',
    async (port, services) => {
      const health = createGrpcHealthClient(`127.0.0.1:${ports[port]}`);
      try {
        for (const service of ['', ...services]) expect(await health.check(service)).toBe('SERVING');
      } finally {
        health.close();
      }
    },
  );

  it.each(Object.entries(GRPC_PEER_CHECKS))(
    "%s is ready, its gRPC peers' health included",
    async (name, checks) => {
      const body = await waitFor(async () => {
        const response = await fetch(`http://127.0.0.1:${ports[name]}/ready`);
        return response.ok && ((await response.json()) as { checks: Record<string, string> });
      });
      for (const check of checks) expect(body.checks[check]).toBe('ok');
    },
  );
});
