/**
 * The one spelling of an address that is stored and compared, so `Ada@Example.com ` and
 * `ada@example.com` are the same account.
 */
export function normalizeEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}
