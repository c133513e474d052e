import { z } from 'zod';
import { BadUserInputError } from '@herald/errors';
import { parseInput } from './parse-input';

const schema = z.object({ name: z.string(), variables: z.record(z.string(), z.unknown()).optional() });

describe('parseInput', () => {
  it('returns the parsed input', () => {
    expect(parseInput(schema, { name: 'Ada' })).toEqual({ name: 'Ada' });
  });

  it('lists every bad field', () => {
    expect(() => parseInput(schema, { name: 1, variables: [] })).toThrow(BadUserInputError);
    try {
      parseInput(schema, { name: 1, variables: [] });
    } catch (error) {
      expect((error as BadUserInputError).issues.map((issue) => issue.field)).toEqual(['name', 'variables']);
    }
  });

  it('refuses a NUL character in any string or key, naming where, before the schema runs', () => {
    const refusal = (input: unknown) => {
      try {
        parseInput(schema, input);
      } catch (error) {
        return error instanceof BadUserInputError ? error.issues : error;
      }
      return undefined;
    };
    const message = 'must not contain a NUL character';
    expect(refusal({ name: 'a\u0000b' })).toEqual([{ field: 'name', message }]);
    expect(refusal({ name: 'Ada', variables: { list: [{ deep: '\u0000' }] } })).toEqual([
      { field: 'variables.list.0.deep', message },
    ]);
    expect(refusal({ name: 'Ada', variables: { 'k\u0000': 1 } })).toEqual([{ field: 'variables', message }]);
  });

  it('walks JSON nested far deeper than the call stack would allow', () => {
    let deep: unknown = 'end';
    for (let level = 0; level < 50_000; level += 1) deep = { next: deep };
    expect(() =>
      parseInput(schema, { name: 'Ada', variables: deep as Record<string, unknown> }),
    ).not.toThrow();
  });
});
