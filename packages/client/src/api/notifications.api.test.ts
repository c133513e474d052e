import { UnprocessableError } from '../generated/error-classes.ts';
import type { SendNotificationInput } from '../generated/operations.ts';
import type { RunOperation } from '../transport/http-transport.ts';
import { createNotificationsApi } from './notifications.api.ts';
import { newRequestId } from './request-id.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A transport answering `data` and keeping the variables of each call. */
function fakeRun(data: unknown) {
  const variables: unknown[] = [];
  const run = (async (_document: unknown, sent: unknown) => {
    variables.push(sent);
    return data;
  }) as RunOperation;
  return { run, variables };
}

const summary = { id: 'n1', status: 'ACCEPTED' };

describe('the notifications API of the client', () => {
  it('makes a requestId for a send that has none, and keeps one the caller gave', async () => {
    const { run, variables } = fakeRun({ sendNotification: { duplicate: false, notification: summary } });
    const api = createNotificationsApi(run, () => newRequestId(globalThis.crypto));
    const input = { channel: 'EMAIL' as const, userId: 'u1', templateCode: 'welcome' };
    await api.send(input);
    await api.send({ ...input, requestId: 'mine' });
    const [first, second] = variables as { input: SendNotificationInput }[];
    expect(first?.input.requestId).toMatch(UUID);
    expect(second?.input.requestId).toBe('mine');
  });

  it('answers a bulk send item by item, a refused one with the error class of its code', async () => {
    const { run } = fakeRun({
      sendNotifications: [
        { index: 0, duplicate: false, notification: summary, error: null },
        {
          index: 1,
          duplicate: false,
          notification: null,
          error: {
            code: 'UNPROCESSABLE',
            message: 'missing template variables: name',
            details: { missing: ['name'] },
          },
        },
      ],
    });
    const api = createNotificationsApi(run, () => 'generated');
    const input = { channel: 'EMAIL' as const, userId: 'u1', templateCode: 'welcome' };
    const [sent, refused] = await api.sendMany([input, input]);
    expect(sent).toEqual({ index: 0, duplicate: false, notification: summary, error: null });
    expect(refused?.notification).toBeNull();
    expect(refused?.error).toBeInstanceOf(UnprocessableError);
    expect(refused?.error).toMatchObject({
      message: 'missing template variables: name',
      details: { missing: ['name'] },
    });
  });
});

describe('newRequestId', () => {
  it('makes a v4 UUID where randomUUID is missing (a page served over plain http)', () => {
    const ids = new Set(
      Array.from({ length: 50 }, () =>
        newRequestId({ getRandomValues: (array: Uint8Array) => globalThis.crypto.getRandomValues(array) }),
      ),
    );
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(UUID);
  });
});
