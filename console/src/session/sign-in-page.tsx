import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../shared/error-message.tsx';
import { TextField } from '../shared/field.tsx';
import { useSession } from './session-context.tsx';

type Method = 'password' | 'apiKey';

const METHODS: readonly { readonly value: Method; readonly label: string }[] = [
  { value: 'password', label: 'Email and password' },
  { value: 'apiKey', label: 'An API key' },
];

/** Sign in with a user's email and password (a JWT) or an API key, checked against the gateway first. */
export function SignInPage() {
  const { client, signIn, endedBecause } = useSession();
  const [method, setMethod] = useState<Method>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [remember, setRemember] = useState(false);
  const [pending, setPending] = useState(false);
  // A refusal here is the answer to show, not a session to end: no useAction.
  const [error, setError] = useState<unknown>(undefined);
  const attempt = async () => {
    if (method === 'password') {
      const { token, expiresAt, user } = await client.login(email.trim(), password);
      signIn({ credential: { token }, label: user.email, expiresAt }, remember);
      return;
    }
    const credential = { apiKey: apiKey.trim() };
    // Any authenticated query tells whether the gateway takes the key: `me` is null for a key.
    await client.withCredential(credential).users.me();
    signIn({ credential, label: 'API key' }, remember);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    attempt().then(
      () => setPending(false),
      (caught: unknown) => {
        setPending(false);
        setError(caught);
      },
    );
  };
  return (
    <main id="main" className="sign-in">
      <h1>Herald Console</h1>
      <form onSubmit={submit} aria-labelledby="sign-in-heading" className="card">
        <h2 id="sign-in-heading">Sign in</h2>
        {endedBecause ? (
          <p className="notice" role="status">
            {endedBecause}
          </p>
        ) : null}
        <fieldset>
          <legend>With</legend>
          {METHODS.map(({ value, label }) => (
            <label key={value} className="inline">
              <input
                type="radio"
                name="method"
                checked={method === value}
                onChange={() => setMethod(value)}
              />
              {label}
            </label>
          ))}
        </fieldset>
        {method === 'password' ? (
          <>
            <TextField
              label="Email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
            <TextField
              label="Password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </>
        ) : (
          <TextField
            label="API key"
            type="password"
            autoComplete="off"
            required
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
            hint="The development admin key is herald-dev-admin-key."
          />
        )}
        <label className="inline">
          <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} />
          Stay signed in in this tab (until it is closed)
        </label>
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
