import { depthExceeds } from './json-depth';

const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let level = 0; level < levels; level += 1) value = level % 2 ? [value] : { a: value };
  return value;
};

describe('depthExceeds', () => {
  it('accepts objects and arrays up to the limit', () => {
    expect(depthExceeds(nested(4), 4)).toBe(false);
    expect(depthExceeds({ query: '{ me { id } }', variables: { input: { name: 'Ada' } } }, 4)).toBe(false);
    expect(depthExceeds('a string', 0)).toBe(false);
  });

  it('refuses one level more, however deep the rest goes, without recursing', () => {
    expect(depthExceeds(nested(5), 4)).toBe(true);
    expect(depthExceeds(nested(200_000), 64)).toBe(true);
  });
});
