import type { PromiseClient, UserServiceDefinition } from '@herald/proto';
import type { EmailFeedback } from '../domain/email-feedback';

/**
 * Tells the users service of bounces and complaints (RecordEmailFeedback), which decides whether
 * to suppress the address. One call each, at once: they are rare, and the users service counts a
 * repeat of the same notification and kind once. A failure propagates, failing the report.
 */
export function createEmailFeedbackRecorder(
  client: PromiseClient<UserServiceDefinition>,
): (feedback: readonly EmailFeedback[]) => Promise<void> {
  return async (feedback) => {
    await Promise.all(
      feedback.map((item) =>
        client.RecordEmailFeedback({
          user_id: item.userId,
          kind: item.kind,
          notification_id: item.notificationId,
          status_code: item.statusCode,
          diagnostic: item.diagnostic,
          category: item.category,
        }),
      ),
    );
  };
}
