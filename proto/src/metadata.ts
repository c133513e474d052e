/** Metadata keys every Herald gRPC call carries. */
export const METADATA = {
  internalToken: 'x-internal-token',
  correlationId: 'x-correlation-id',
  errorCode: 'x-herald-code',
  errorDetails: 'x-herald-details',
} as const;
