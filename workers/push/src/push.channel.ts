import { publicHttpsUrlProblem } from '@herald/config';
import { DeliveryRefusedError, type DeliveryChannel } from '@herald/worker-runtime';
import type { PushProvider } from './providers/push-provider';

export const NO_VALID_DEVICE = 'no valid device';

/** Push: the user's valid devices, the rendered title, body, image and link. */
export function createPushChannel(provider: PushProvider): DeliveryChannel {
  return {
    name: 'push',
    send: async (recipient, rendered, context) => {
      const devices = recipient.devices.filter((device) => device.valid);
      if (devices.length === 0) return { kind: 'skipped', reason: NO_VALID_DEVICE };
      // The provider or the device fetches the image: refused again here, whatever was stored.
      const imageProblem = rendered.imageUrl ? publicHttpsUrlProblem(rendered.imageUrl) : undefined;
      if (imageProblem) throw new DeliveryRefusedError(`image_url ${imageProblem}`);
      const sent = await provider.send(devices, {
        notificationId: context.notificationId,
        userId: recipient.id,
        title: rendered.title ?? '',
        body: rendered.body,
        imageUrl: rendered.imageUrl,
        link: rendered.link,
        priority: context.priority,
      });
      return { kind: 'delivered', providerMessageId: sent.messageId };
    },
    close: () => provider.close(),
  };
}
