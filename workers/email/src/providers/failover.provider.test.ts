import { DeliveryRefusedError, DeliveryUnavailableError } from '@herald/worker-runtime';
import type { EmailMessage, EmailProvider } from './email-provider';
import { createFailoverProvider } from './failover.provider';

const message: EmailMessage = {
  notificationId: 'n-1',
  to: 'ada@example.com',
  returnPath: 'bounces+n-1@bounces.herald.local',
  feedbackToken: 'n-1.token',
  subject: 's',
  text: 't',
};

function provider(result: () => Promise<{ messageId: string }>) {
  const calls: EmailMessage[] = [];
  const fake: EmailProvider = {
    send: (sent) => {
      calls.push(sent);
      return result();
    },
    close: async () => undefined,
  };
  return { fake, calls };
}

describe('createFailoverProvider', () => {
  it('moves to the next server after a transient failure', async () => {
    const first = provider(() => Promise.reject(new DeliveryUnavailableError('connection refused')));
    const second = provider(async () => ({ messageId: '<m@x>' }));

    await expect(createFailoverProvider([first.fake, second.fake]).send(message)).resolves.toEqual({
      messageId: '<m@x>',
    });
    expect(second.calls).toHaveLength(1);
  });

  it('stops at a permanent refusal, which another server would repeat', async () => {
    const first = provider(() => Promise.reject(new DeliveryRefusedError('550 no such user')));
    const second = provider(async () => ({ messageId: '<m@x>' }));

    await expect(createFailoverProvider([first.fake, second.fake]).send(message)).rejects.toThrow(
      '550 no such user',
    );
    expect(second.calls).toHaveLength(0);
  });

  it('throws the last failure when every server fails', async () => {
    const first = provider(() => Promise.reject(new DeliveryUnavailableError('first down')));
    const second = provider(() => Promise.reject(new DeliveryUnavailableError('second down')));

    await expect(createFailoverProvider([first.fake, second.fake]).send(message)).rejects.toThrow(
      'second down',
    );
  });
});
