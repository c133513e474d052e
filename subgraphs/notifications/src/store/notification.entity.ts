import { EntitySchema } from 'typeorm';

/** A row of `notifications`; the repository turns it into a domain Notification. */
export interface NotificationRow {
  id: string;
  requestId: string;
  sender: string;
  userId: string;
  channel: string;
  templateCode: string;
  templateVersion: number | null;
  locale: string | null;
  category: string | null;
  /** jsonb: read back unchecked, as the JSON object that was written. */
  variables: object;
  metadata: object | null;
  priority: number;
  status: string;
  statusDetail: string | null;
  attempts: number;
  claimedBy: string | null;
  claimHolder: string | null;
  claimExpiresAt: Date | null;
  outcomeUnknown: boolean;
  requestHash: string;
  sendAt: Date | null;
  dueAt: Date | null;
  correlationId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const NotificationEntity = new EntitySchema<NotificationRow>({
  name: 'Notification',
  tableName: 'notifications',
  columns: {
    id: { type: 'uuid', primary: true },
    requestId: { name: 'request_id', type: 'text' },
    sender: { type: 'text' },
    userId: { name: 'user_id', type: 'uuid' },
    channel: { type: 'text' },
    templateCode: { name: 'template_code', type: 'text' },
    templateVersion: { name: 'template_version', type: 'int', nullable: true },
    locale: { type: 'text', nullable: true },
    category: { type: 'text', nullable: true },
    variables: { type: 'jsonb' },
    metadata: { type: 'jsonb', nullable: true },
    priority: { type: 'int' },
    status: { type: 'text' },
    statusDetail: { name: 'status_detail', type: 'text', nullable: true },
    attempts: { type: 'int', default: 0 },
    claimedBy: { name: 'claimed_by', type: 'uuid', nullable: true },
    claimHolder: { name: 'claim_holder', type: 'text', nullable: true },
    claimExpiresAt: { name: 'claim_expires_at', type: 'timestamptz', nullable: true },
    outcomeUnknown: { name: 'outcome_unknown', type: 'boolean', default: false },
    requestHash: { name: 'request_hash', type: 'text' },
    sendAt: { name: 'send_at', type: 'timestamptz', nullable: true },
    dueAt: { name: 'due_at', type: 'timestamptz', nullable: true },
    correlationId: { name: 'correlation_id', type: 'text', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});
