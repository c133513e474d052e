import { EntitySchema } from 'typeorm';
import type { SuppressionReason } from '../domain/email-suppression';

export interface EmailSuppressionRow {
  id: string;
  userId: string;
  address: string;
  reason: SuppressionReason;
  statusCode: string | null;
  diagnostic: string | null;
  notificationId: string | null;
  category: string | null;
  createdAt: Date;
  liftedAt: Date | null;
  liftedBy: string | null;
}

export const EmailSuppressionEntity = new EntitySchema<EmailSuppressionRow>({
  name: 'EmailSuppression',
  tableName: 'email_suppressions',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    userId: { type: 'uuid', name: 'user_id' },
    address: { type: 'text' },
    reason: { type: 'text' },
    statusCode: { type: 'text', name: 'status_code', nullable: true },
    diagnostic: { type: 'text', nullable: true },
    notificationId: { type: 'uuid', name: 'notification_id', nullable: true },
    category: { type: 'text', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    liftedAt: { type: 'timestamptz', name: 'lifted_at', nullable: true },
    liftedBy: { type: 'text', name: 'lifted_by', nullable: true },
  },
});
