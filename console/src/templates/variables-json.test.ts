import { describe, expect, it } from 'vitest';
import { parseVariablesJson } from './variables-json.ts';

describe('parseVariablesJson', () => {
  it('reads an object, and nothing as no variables', () => {
    expect(parseVariablesJson('{"name": "Ada", "count": 2}')).toEqual({
      ok: true,
      value: { name: 'Ada', count: 2 },
    });
    expect(parseVariablesJson('  ')).toEqual({ ok: true, value: {} });
  });

  it('says why text is not a variables object', () => {
    expect(parseVariablesJson('["Ada"]')).toEqual({
      ok: false,
      problem: 'Must be a JSON object, e.g. {"name": "Ada"}',
    });
    expect(parseVariablesJson('{name: Ada}')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^Not JSON: /),
    });
  });
});
