/** A user's JWT from `login`, or a service's API key; the gateway takes both as a bearer credential. */
export type Credential = { readonly token: string } | { readonly apiKey: string };

/**
 * A credential, or where to read it at each call (a React state, sessionStorage): the client
 * then follows a sign-in, a sign-out or a refreshed token without being created again.
 */
export type CredentialSource = Credential | (() => Credential | null | undefined);

export function readCredential(source: CredentialSource | undefined): Credential | undefined {
  return (typeof source === 'function' ? source() : source) ?? undefined;
}

/** The Authorization header value, also sent as connectionParams.authorization over graphql-ws. */
export function authorizationOf(credential: Credential | undefined): string | undefined {
  if (!credential) return undefined;
  return `Bearer ${'token' in credential ? credential.token : credential.apiKey}`;
}
