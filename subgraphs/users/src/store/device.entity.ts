import { EntitySchema } from 'typeorm';
import type { DeviceKind } from '../domain/device';

export interface DeviceRow {
  id: string;
  userId: string;
  kind: DeviceKind;
  token: string | null;
  endpoint: string | null;
  p256dh: string | null;
  auth: string | null;
  valid: boolean;
  invalidReason: string | null;
  invalidatedAt: Date | null;
  lastSeenAt: Date | null;
  createdAt: Date;
}

export const DeviceEntity = new EntitySchema<DeviceRow>({
  name: 'Device',
  tableName: 'devices',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    userId: { type: 'uuid', name: 'user_id' },
    kind: { type: 'text' },
    token: { type: 'text', nullable: true },
    endpoint: { type: 'text', nullable: true },
    p256dh: { type: 'text', nullable: true },
    auth: { type: 'text', nullable: true },
    valid: { type: 'boolean', default: true },
    invalidReason: { type: 'text', name: 'invalid_reason', nullable: true },
    invalidatedAt: { type: 'timestamptz', name: 'invalidated_at', nullable: true },
    lastSeenAt: { type: 'timestamptz', name: 'last_seen_at', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
