import { acceptCorrelationId } from './correlation-id';

describe('acceptCorrelationId', () => {
  it('keeps a caller id made of plain characters', () => {
    expect(acceptCorrelationId('req-42_a.b:c')).toBe('req-42_a.b:c');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['with a newline (log injection)', 'abc\ninjected'],
    ['with spaces', 'a b'],
    ['too long', 'x'.repeat(129)],
  ])('generates a fresh uuid when the header is %s', (_case, header) => {
    expect(acceptCorrelationId(header)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });
});
