/**
 * What a provider throws when a send fails. `permanent` says whether another attempt could
 * succeed (a rejected address will not; a full mailbox or a dropped connection may).
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}
