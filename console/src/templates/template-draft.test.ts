import { BadUserInputError, UnprocessableError } from '@herald/client';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_DRAFT,
  createInput,
  draftProblems,
  fieldErrorsOf,
  missingVariablesOf,
  variablesOf,
  versionInput,
} from './template-draft.ts';

const draft = {
  ...EMPTY_DRAFT,
  subject: 'Hello {{name}}',
  title: 'left over from a push draft',
  body: 'Hi {{name}}',
  bodyHtml: '  ',
  link: 'https://example.com/welcome',
};

describe('versionInput', () => {
  it("sends only the channel's fields, an empty one as absent", () => {
    expect(versionInput('EMAIL', draft, true)).toEqual({
      locale: 'en',
      subject: 'Hello {{name}}',
      title: null,
      body: 'Hi {{name}}',
      bodyHtml: null,
      imageUrl: null,
      link: 'https://example.com/welcome',
      publish: true,
    });
  });

  it('creates a template with its code trimmed and its first version', () => {
    expect(
      createInput(' welcome ', 'PUSH', { ...draft, imageUrl: 'https://cdn.example.com/a.png' }, false),
    ).toMatchObject({
      code: 'welcome',
      channel: 'PUSH',
      subject: null,
      title: 'left over from a push draft',
      imageUrl: 'https://cdn.example.com/a.png',
      publish: false,
    });
  });
});

describe('draftProblems', () => {
  it('asks for a body, or an HTML body for an email', () => {
    expect(draftProblems('EMAIL', EMPTY_DRAFT)).toEqual({ body: 'Write a text body or an HTML body' });
    expect(draftProblems('EMAIL', { ...EMPTY_DRAFT, bodyHtml: '<p>Hi</p>' })).toEqual({});
    expect(draftProblems('PUSH', { ...EMPTY_DRAFT, bodyHtml: '<p>Hi</p>' })).toEqual({
      body: 'Write a body',
      title: 'A push notification needs a title',
    });
  });
});

describe("the server's refusals", () => {
  it('are shown at the field they name', () => {
    const refused = new BadUserInputError('invalid input', {
      details: {
        issues: [
          { field: 'input.link', message: 'must be an https URL' },
          { field: 'imageUrl', message: 'must be an https URL' },
          { field: 'imageUrl', message: 'is not an image' },
        ],
      },
    });
    expect(fieldErrorsOf(refused)).toEqual({
      link: 'must be an https URL',
      imageUrl: 'must be an https URL; is not an image',
    });
  });

  it('name the missing variables', () => {
    const missing = new UnprocessableError('missing variables', {
      details: { missing: ['name', 7, 'city'] },
    });
    expect(missingVariablesOf(missing)).toEqual(['name', 'city']);
  });
});

describe('variablesOf', () => {
  it('reads numbers, booleans and JSON as such, and anything else as text', () => {
    expect(
      variablesOf({ name: 'Ada', count: '42', vip: 'true', items: '[1, 2]', note: '{not json', ' ': 'x' }),
    ).toEqual({ name: 'Ada', count: 42, vip: true, items: [1, 2], note: '{not json' });
  });

  it('nests a dotted name, and leaves an empty value out so it shows as missing', () => {
    expect(variablesOf({ 'order.id': 'A-7', 'order.total': '12.5', 'user.name': '' })).toEqual({
      order: { id: 'A-7', total: 12.5 },
    });
  });
});
