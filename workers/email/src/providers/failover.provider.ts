import { DeliveryRefusedError, DeliveryUnavailableError } from '@herald/worker-runtime';
import type { EmailProvider } from './email-provider';

/**
 * Tries providers in order (SMTP_URL's failover list). A permanent refusal ends the attempt,
 * since another server would refuse the same mail; a transient failure moves to the next.
 */
export function createFailoverProvider(providers: readonly EmailProvider[]): EmailProvider {
  return {
    send: async (message) => {
      let lastError: unknown;
      for (const provider of providers) {
        try {
          return await provider.send(message);
        } catch (error) {
          if (error instanceof DeliveryRefusedError) throw error;
          lastError = error;
        }
      }
      // Built only on failure: an error's stack trace is not free on every send.
      throw lastError ?? new DeliveryUnavailableError('no email provider configured');
    },
    close: async () => {
      await Promise.all(providers.map((provider) => provider.close()));
    },
  };
}
