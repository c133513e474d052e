import { HeraldClientError } from '@herald/client';

/** A failed call, said plainly, with the correlation id to quote when reporting it. */
export function ErrorMessage({ error }: { readonly error: unknown }) {
  if (error === undefined || error === null) return null;
  const known = error instanceof HeraldClientError;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error" role="alert">
      <strong>{known ? error.code : 'Error'}</strong>: {message}
      {known && error.correlationId ? (
        <span className="muted"> (correlation id {error.correlationId})</span>
      ) : null}
    </div>
  );
}
