import { writeOutboxFile } from '@herald/worker-runtime';
import type { PushProvider } from './push-provider';

/** The dev default: each notification becomes `<notification id>.json` in `dir`. */
export function createFileOutboxProvider(dir: string): PushProvider {
  return {
    send: async (devices, message) => {
      const file = {
        notification_id: message.notificationId,
        user_id: message.userId,
        priority: message.priority,
        // Web Push keys stay out of the file; the endpoint is enough to tell devices apart.
        devices: devices.map((device) => ({
          id: device.id,
          kind: device.kind,
          token: device.token ?? null,
          endpoint: device.endpoint ?? null,
        })),
        title: message.title,
        body: message.body,
        image_url: message.imageUrl ?? null,
        link: message.link ?? null,
      };
      const path = await writeOutboxFile(
        dir,
        `${message.notificationId}.json`,
        `${JSON.stringify(file, null, 2)}\n`,
      );
      return { messageId: path };
    },
    close: async () => undefined,
  };
}
