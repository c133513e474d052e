import { randomUUID } from 'node:crypto';
import { BadUserInputError, ForbiddenError, UnprocessableError } from '@herald/client';
import { heraldClient } from './gateway-client';
import { readSystemState } from './system-state';

const state = readSystemState();

describe("the console editor's live preview, through the client", () => {
  const admin = heraldClient(state);

  it('renders an unsaved draft with the variables, as a send would', async () => {
    const rendered = await admin.templates.preview({
      channel: 'EMAIL',
      draft: { subject: 'Welcome, {{name}}', body: '', bodyHtml: '<p>Hello <b>{{name}}</b></p>' },
      variables: { name: 'Ada & Co' },
    });
    expect(rendered).toMatchObject({
      code: null,
      version: null,
      channel: 'EMAIL',
      locale: 'en',
      subject: 'Welcome, Ada & Co',
      bodyHtml: '<p>Hello <b>Ada &amp; Co</b></p>',
      variables: ['name'],
    });
    expect(rendered.body).toContain('Hello Ada & Co');
  });

  it('throws refusals as typed errors that name the draft fields', async () => {
    const missing = await admin.templates
      .preview({
        channel: 'PUSH',
        draft: { title: 'Hi {{name}}', body: 'Order {{order.id}}' },
        variables: {},
      })
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(UnprocessableError);
    expect((missing as UnprocessableError).issues.map((issue) => issue.field)).toEqual(['title', 'body']);
    expect((missing as UnprocessableError).details.missing).toEqual(['name', 'order.id']);

    const unsafe = await admin.templates
      .preview({ channel: 'PUSH', draft: { title: 'T', body: 'B', imageUrl: 'https://127.0.0.1/x.png' } })
      .catch((error: unknown) => error);
    expect(unsafe).toBeInstanceOf(BadUserInputError);
    expect((unsafe as BadUserInputError).issues).toEqual([
      { field: 'imageUrl', message: expect.any(String) },
    ]);
  });

  it('is refused to a key without templates:write', async () => {
    const key = await admin.apiKeys.create(`sender-${randomUUID().slice(0, 8)}`, ['notifications:send']);
    const refused = await heraldClient(state, { apiKey: key.secret })
      .templates.preview({ channel: 'PUSH', draft: { title: 'T', body: 'B' } })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ForbiddenError);
  });
});
