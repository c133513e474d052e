import { BadUserInputError, UnprocessableError } from '@herald/errors';
import { createTemplateEngine, type RenderableVersion } from './template-engine';

const engine = createTemplateEngine({ cacheSize: 10 });

function version(overrides: Partial<RenderableVersion>): RenderableVersion {
  return {
    templateCode: 'welcome',
    number: 1,
    locale: 'en',
    subject: null,
    title: null,
    body: '',
    bodyHtml: null,
    ...overrides,
  };
}

function failure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('template engine', () => {
  describe('check', () => {
    it('extracts the variables of the subject, body and HTML body together', () => {
      const sources = {
        subject: 'Welcome, {{name}}',
        title: null,
        body: 'Your plan: {{plan.name}}',
        bodyHtml: '<p>{{name}} {{team}}</p>',
      };
      expect(engine.check(sources).variables).toEqual(['name', 'plan.name', 'team']);
    });

    it('lists every bad field with the line and column of its error', () => {
      const error = failure(() =>
        engine.check({
          subject: 'Hi {{name',
          title: null,
          body: 'ok {{name}}',
          bodyHtml: '<p>\n{{#if x}}</p>',
        }),
      );
      expect(error).toBeInstanceOf(BadUserInputError);
      const issues = (error as BadUserInputError).issues;
      expect(issues.map((issue) => issue.field)).toEqual(['subject', 'bodyHtml']);
      expect(issues[0]).toMatchObject({
        line: 1,
        column: 6,
        message: expect.stringMatching(/^line 1, column 6: Parse error/),
      });
      expect(issues[1]).toMatchObject({ line: 2 });
    });
  });

  describe('render', () => {
    it('renders the variables into every field', () => {
      const rendered = engine.render(
        version({ subject: 'Hi {{name}}', body: 'Hello {{name}}', bodyHtml: '<b>{{name}}</b>' }),
        { name: 'Ada' },
        'en',
      );
      expect(rendered).toEqual({ subject: 'Hi Ada', title: null, body: 'Hello Ada', bodyHtml: '<b>Ada</b>' });
    });

    it('escapes HTML in the HTML body and leaves text fields as written', () => {
      const rendered = engine.render(
        version({ number: 2, subject: 'For {{name}}', body: 'Dear {{name}}', bodyHtml: '<p>{{name}}</p>' }),
        { name: 'Tom & <Jerry>' },
        'en',
      );
      expect(rendered.bodyHtml).toBe('<p>Tom &amp; &lt;Jerry&gt;</p>');
      expect(rendered.body).toBe('Dear Tom & <Jerry>');
      expect(rendered.subject).toBe('For Tom & <Jerry>');
    });

    it('refuses with every missing variable listed instead of rendering them empty', () => {
      const error = failure(() =>
        engine.render(
          version({
            number: 3,
            subject: '{{greeting}}',
            body: '{{user.name}} {{#each items}}{{sku}}{{/each}} {{#if coupon}}{{coupon.code}}{{/if}}',
          }),
          { user: {}, items: [{ sku: 'A' }, {}], coupon: { percent: 10 }, greeting: null },
          'en',
        ),
      );
      expect(error).toBeInstanceOf(UnprocessableError);
      expect((error as UnprocessableError).details).toEqual({
        missing: ['greeting', 'user.name', 'items[1].sku', 'coupon.code'],
        issues: [
          { field: 'subject', message: 'needs the variables greeting' },
          { field: 'body', message: 'needs the variables user.name, items[1].sku, coupon.code' },
        ],
      });
      expect((error as Error).message).toBe(
        'missing template variables: greeting, user.name, items[1].sku, coupon.code',
      );
    });

    it('does not read properties a variable inherits', () => {
      const error = failure(() =>
        engine.render(version({ number: 4, body: '{{name.constructor}}' }), { name: 'x' }, 'en'),
      );
      expect((error as UnprocessableError).details).toEqual({
        missing: ['name.constructor'],
        issues: [{ field: 'body', message: 'needs the variables name.constructor' }],
      });
    });

    it('keeps a subject on one line whatever the variables hold', () => {
      const rendered = engine.render(
        version({ number: 5, subject: 'Re: {{topic}}' }),
        { topic: 'a\r\nBcc: x@evil.test' },
        'en',
      );
      expect(rendered.subject).toBe('Re: a Bcc: x@evil.test');
    });

    it('formats dates and numbers for the locale and falls back with default', () => {
      const body =
        '{{formatDate at dateStyle="long"}} {{formatNumber total style="currency" currency="EUR"}} {{default nick "friend"}}';
      const values = { at: '2024-03-05T10:00:00Z', total: 1234.5 };
      expect(engine.render(version({ number: 6, body }), values, 'de-DE').body).toBe(
        '5. März 2024 1.234,50\u00a0€ friend',
      );
      expect(engine.render(version({ number: 6, body }), { ...values, nick: 'Ada' }, 'en-US').body).toBe(
        'March 5, 2024 €1,234.50 Ada',
      );
    });

    it('refuses a value a formatting helper cannot read', () => {
      const error = failure(() =>
        engine.render(version({ number: 7, body: '{{formatDate at}}' }), { at: 'soon' }, 'en'),
      );
      expect(error).toBeInstanceOf(UnprocessableError);
      expect((error as Error).message).toMatch(/formatDate needs a date/);
    });

    it('uses the same compiled version for every render of it', () => {
      const cachedEngine = createTemplateEngine({ cacheSize: 1 });
      const pinned = version({ number: 8, body: 'v1 {{name}}' });
      expect(cachedEngine.render(pinned, { name: 'a' }, 'en').body).toBe('v1 a');
      // Versions are immutable: the same code, number and locale is the same template.
      expect(cachedEngine.render({ ...pinned, body: 'changed' }, { name: 'b' }, 'en').body).toBe('v1 b');
    });
  });
});
