import { useState, type FormEvent } from 'react';
import { SCOPES, type Scope } from '@herald/identity/scopes';
import { ErrorMessage } from '../shared/error-message.tsx';
import { TextField } from '../shared/field.tsx';
import { formatTime } from '../shared/format.ts';
import { useAction, useLoad } from '../shared/use-load.ts';
import { useSession } from '../session/session-context.tsx';
import { Table } from '../shared/table.tsx';

/**
 * What each scope a key may be given lets it do. The list is the one the users subgraph accepts
 * (@herald/identity SCOPES): the API lists no scopes, so the form offers these and the server
 * refuses any other.
 */
const SCOPE_MEANINGS: Record<Scope, string> = {
  'notifications:send': 'send notifications',
  'notifications:read': 'read every notification',
  'notifications:status': 'report delivery statuses (a provider callback)',
  'templates:write': 'create and publish templates',
  'users:admin': 'manage users and API keys',
};

/** API keys: create one (its secret shown once), see their scopes and use, revoke. */
export function ApiKeysPage() {
  const { client } = useSession();
  const keys = useLoad((options) => client.apiKeys.list(options), []);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const create = useAction(async () => {
    const created = await client.apiKeys.create(name.trim(), scopes);
    setSecret({ name: created.name, secret: created.secret });
    setName('');
    setScopes([]);
    keys.reload();
  });
  const revoke = useAction(async (id: string) => {
    await client.apiKeys.revoke(id);
    keys.reload();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSecret(null);
    void create.run();
  };
  return (
    <>
      <h1>API keys</h1>
      <section aria-labelledby="create-key-heading" className="card">
        <h2 id="create-key-heading">Create a key</h2>
        <form onSubmit={submit}>
          <TextField label="Name" required value={name} onChange={(event) => setName(event.target.value)} />
          <fieldset>
            <legend>Scopes</legend>
            {Object.values(SCOPES).map((scope) => (
              <label key={scope} className="inline">
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(event) =>
                    setScopes((previous) =>
                      event.target.checked ? [...previous, scope] : previous.filter((held) => held !== scope),
                    )
                  }
                />
                <span className="mono">{scope}</span>: {SCOPE_MEANINGS[scope]}
              </label>
            ))}
          </fieldset>
          <ErrorMessage error={create.error} />
          <button type="submit" className="primary" disabled={create.pending || scopes.length === 0}>
            Create key
          </button>
        </form>
        {secret ? (
          <div className="notice" role="status">
            <p>
              The secret of <strong>{secret.name}</strong>, shown only now: copy it, it is not stored.
            </p>
            <p>
              <code data-testid="api-key-secret">{secret.secret}</code>
            </p>
            <button type="button" onClick={() => setSecret(null)}>
              I have copied it
            </button>
          </div>
        ) : null}
      </section>
      <section aria-labelledby="keys-heading" className="card">
        <h2 id="keys-heading">Keys</h2>
        <ErrorMessage error={keys.error ?? revoke.error} />
        {keys.data ? (
          <Table caption="API keys" columns={['Name', 'Scopes', 'Created', 'Last used', 'State', 'Actions']}>
            {keys.data.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td className="mono">{key.scopes.join(', ')}</td>
                <td>{formatTime(key.createdAt)}</td>
                <td>{formatTime(key.lastUsedAt)}</td>
                <td>{key.revokedAt ? `Revoked ${formatTime(key.revokedAt)}` : 'Active'}</td>
                <td>
                  {key.revokedAt ? null : (
                    <button type="button" disabled={revoke.pending} onClick={() => void revoke.run(key.id)}>
                      Revoke {key.name}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        ) : keys.loading ? (
          <p role="status">Loading…</p>
        ) : null}
      </section>
    </>
  );
}
