import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { openDataSource } from '@herald/database';
import type { Logger } from '@herald/logging';
import {
  CleanupStack,
  createHealthHandler,
  createMetricsRegistry,
  type ServiceApp,
} from '@herald/observability';
import { createGrpcServer, loadHeraldProto } from '@herald/proto';
import { createSubgraphServer, loadSchemaFile } from '@herald/subgraph';
import type { UsersConfig } from './config';
import { hashPassword } from './domain/password';
import { createUserResolvers } from './graphql/user.resolvers';
import { createUserGrpcHandlers } from './grpc/user.grpc';
import { DeviceEntity } from './store/device.entity';
import { createDeviceRepository } from './store/device.repository';
import { CreateUsers1732500000000 } from './store/migrations/1732500000000-create-users';
import { PreferencesEntity } from './store/preferences.entity';
import { UserEntity } from './store/user.entity';
import { createUserRepository } from './store/user.repository';
import { makeCreateUser } from './use-cases/create-user.use-case';
import { makeGetUser } from './use-cases/get-user.use-case';
import { makeGetUsers } from './use-cases/get-users.use-case';
import { makeInvalidatePushToken } from './use-cases/invalidate-push-token.use-case';
import { makeListUsers } from './use-cases/list-users.use-case';

const SERVICE = 'users';

export async function createApp(config: UsersConfig, log: Logger): Promise<ServiceApp> {
  const cleanup = new CleanupStack(log);
  const db = cleanup.push('database', await openDatabase(config.DATABASE_URL), (dataSource) =>
    dataSource.destroy(),
  );

  try {
    return wire(config, log, db, cleanup);
  } catch (error) {
    // Nothing else will release the connection pool if wiring fails after it opened.
    await cleanup.dispose();
    throw error;
  }
}

function wire(config: UsersConfig, log: Logger, db: DataSource, cleanup: CleanupStack): ServiceApp {
  const users = createUserRepository(db);
  const devices = createDeviceRepository(db);
  const getUser = makeGetUser({ users });
  const getUsers = makeGetUsers({ users });
  const createUser = makeCreateUser({ users, hashPassword });
  const listUsers = makeListUsers({ users });
  const invalidatePushToken = makeInvalidatePushToken({ devices });

  const metrics = createMetricsRegistry(SERVICE);
  const health = createHealthHandler(
    SERVICE,
    [
      {
        name: 'database',
        check: async () => {
          await db.query('SELECT 1');
        },
      },
    ],
    metrics,
  );
  const graphql = createSubgraphServer({
    // schema.graphql sits at the package root, one level above src/ and dist/.
    typeDefs: loadSchemaFile(join(__dirname, '..', 'schema.graphql')),
    resolvers: createUserResolvers({ createUser, getUser, listUsers }),
    internalToken: config.INTERNAL_TOKEN,
    health,
    log,
  });
  const grpc = createGrpcServer({ internalToken: config.INTERNAL_TOKEN, log });
  grpc.addService(
    loadHeraldProto().herald.v1.UserService.service,
    createUserGrpcHandlers({ getUser, getUsers, invalidatePushToken }),
  );

  return {
    async start() {
      cleanup.defer('graphql server', () => graphql.close());
      const http = await graphql.listen(config.PORT);
      cleanup.defer('grpc server', () => grpc.close());
      const grpcPort = await grpc.listen(config.GRPC_PORT);
      log.info({ http, grpc: grpcPort }, 'users subgraph listening');
      return { http, grpc: grpcPort };
    },
    stop: () => cleanup.dispose(),
  };
}

function openDatabase(url: string): Promise<DataSource> {
  return openDataSource({
    url,
    entities: [UserEntity, PreferencesEntity, DeviceEntity],
    migrations: [CreateUsers1732500000000],
  });
}
