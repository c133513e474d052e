import { z } from 'zod';

/**
 * The queue message of docs/architecture.md, field for field. Unknown fields are kept, so a
 * retry republished by an older worker does not strip what a newer publisher added.
 */
export const queuedNotificationSchema = z.looseObject({
  notification_id: z.uuid(),
  request_id: z.string().min(1),
  user_id: z.uuid(),
  channel: z.enum(['email', 'push']),
  template_code: z.string().min(1),
  /** 0 asks the templates service for the published version. */
  template_version: z.number().int().nonnegative(),
  /** Empty: the user's locale. */
  locale: z.string(),
  variables: z.record(z.string(), z.unknown()),
  priority: z.number().int().min(0).max(10),
  correlation_id: z.string().min(1),
  attempt: z.number().int().positive(),
  created_at: z.iso.datetime({ offset: true }),
  /**
   * The sender's category (e.g. "security"); null when the sender gave none, absent from a
   * message published before it was carried. Decides List-Unsubscribe and the category opt-outs.
   */
  category: z.string().nullish(),
  /**
   * This copy of the message: fresh at each publish by the relay, kept through retries, sent
   * with the SENDING claim. Absent from a message an older relay published.
   */
  delivery_id: z.uuid().optional(),
});

export type QueuedNotification = z.output<typeof queuedNotificationSchema>;

/** A work queue's routing key: the channel a message is for. */
export type RoutingKey = QueuedNotification['channel'];

/** Validates a queue message for the worker of `channel`; throws one line listing every bad field. */
export function parseQueuedNotification(body: unknown, channel: RoutingKey): QueuedNotification {
  const parsed = queuedNotificationSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || 'message'}: ${issue.message}`,
    );
    throw new Error(issues.join('; '));
  }
  if (parsed.data.channel !== channel) {
    throw new Error(`channel: expected "${channel}", got "${parsed.data.channel}"`);
  }
  return parsed.data;
}
