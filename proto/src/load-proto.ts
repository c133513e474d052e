import { join } from 'node:path';
import { loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { ProtoGrpcType as NotificationsProto } from './generated/notifications';
import type { ProtoGrpcType as TemplatesProto } from './generated/templates';
import type { ProtoGrpcType as UsersProto } from './generated/users';

export type HeraldProto = UsersProto & TemplatesProto & NotificationsProto;

/** Same options as `npm run proto:gen` uses for the generated types. */
const LOADER_OPTIONS = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };

let loaded: HeraldProto | undefined;

export function loadHeraldProto(): HeraldProto {
  if (!loaded) {
    const dir = join(__dirname, '..', 'herald', 'v1');
    const files = ['users.proto', 'templates.proto', 'notifications.proto'].map((file) => join(dir, file));
    loaded = loadPackageDefinition(loadSync(files, LOADER_OPTIONS)) as unknown as HeraldProto;
  }
  return loaded;
}
