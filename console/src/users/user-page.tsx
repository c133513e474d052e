import type { User } from '@herald/client';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../shared/error-message.tsx';
import { TextField } from '../shared/field.tsx';
import { formatTime } from '../shared/format.ts';
import { LoadedItem } from '../shared/loaded-item.tsx';
import { useAction, useLoad } from '../shared/use-load.ts';
import { useSession } from '../session/session-context.tsx';
import {
  formFromPreferences,
  preferencesInput,
  preferencesProblems,
  type PreferencesForm,
} from './preferences-form.ts';
import { Table } from '../shared/table.tsx';

/** A user's profile, preferences and devices. */
export function UserPage() {
  const { id = '' } = useParams();
  const { client } = useSession();
  const loaded = useLoad((options) => client.users.get(id, options), [id]);
  return (
    <LoadedItem loaded={loaded} missing="No such user.">
      {(user) => <UserView user={user} onChanged={loaded.reload} />}
    </LoadedItem>
  );
}

function UserView({ user, onChanged }: { user: User; onChanged: () => void }) {
  return (
    <>
      <h1>{user.name}</h1>
      <section aria-labelledby="profile-heading" className="card">
        <h2 id="profile-heading">Profile</h2>
        <dl className="facts">
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Id</dt>
          <dd className="mono">{user.id}</dd>
          <dt>Role</dt>
          <dd>{user.role}</dd>
          <dt>Locale</dt>
          <dd>{user.locale}</dd>
          <dt>Created</dt>
          <dd>{formatTime(user.createdAt)}</dd>
        </dl>
        <Link to={`/notifications?user=${user.id}`}>Their notifications</Link>
      </section>
      <PreferencesSection user={user} />
      <DevicesSection user={user} onChanged={onChanged} />
    </>
  );
}

function PreferencesSection({ user }: { user: User }) {
  const { client } = useSession();
  const [form, setForm] = useState<PreferencesForm>(() => formFromPreferences(user.preferences));
  const [saved, setSaved] = useState(false);
  const problems = preferencesProblems(form);
  const save = useAction(async () => {
    const stored = await client.users.updatePreferences(preferencesInput(form), { userId: user.id });
    setForm(formFromPreferences(stored));
    setSaved(true);
  });
  const set = (changes: Partial<PreferencesForm>) => {
    setSaved(false);
    setForm((previous) => ({ ...previous, ...changes }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(problems).length === 0) void save.run();
  };
  return (
    <section aria-labelledby="preferences-heading" className="card">
      <h2 id="preferences-heading">Preferences</h2>
      <form onSubmit={submit}>
        <fieldset>
          <legend>Channels</legend>
          <label className="inline">
            <input
              type="checkbox"
              checked={form.email}
              onChange={(event) => set({ email: event.target.checked })}
            />
            Email
          </label>
          <label className="inline">
            <input
              type="checkbox"
              checked={form.push}
              onChange={(event) => set({ push: event.target.checked })}
            />
            Push
          </label>
        </fieldset>
        <TextField
          label="Opted-out categories"
          value={form.optedOut}
          hint="Comma-separated, e.g. marketing, digest"
          onChange={(event) => set({ optedOut: event.target.value })}
        />
        <fieldset>
          <legend>Quiet hours</legend>
          <div className="filters">
            <TextField
              label="Start"
              placeholder="22:00"
              value={form.quietStart}
              error={problems.quietStart}
              onChange={(event) => set({ quietStart: event.target.value })}
            />
            <TextField
              label="End"
              placeholder="07:00"
              value={form.quietEnd}
              error={problems.quietEnd}
              onChange={(event) => set({ quietEnd: event.target.value })}
            />
            <TextField
              label="Time zone"
              placeholder="Europe/Lisbon"
              value={form.quietTimezone}
              error={problems.quietTimezone}
              onChange={(event) => set({ quietTimezone: event.target.value })}
            />
          </div>
        </fieldset>
        <ErrorMessage error={save.error} />
        {saved ? <p role="status">Preferences saved.</p> : null}
        <button type="submit" className="primary" disabled={save.pending}>
          Save preferences
        </button>
      </form>
    </section>
  );
}

function DevicesSection({ user, onChanged }: { user: User; onChanged: () => void }) {
  const { client } = useSession();
  const remove = useAction(async (id: string) => {
    await client.devices.remove(id);
    onChanged();
  });
  return (
    <section aria-labelledby="devices-heading" className="card">
      <h2 id="devices-heading">Devices</h2>
      <ErrorMessage error={remove.error} />
      {user.devices.length === 0 ? (
        <p>No devices.</p>
      ) : (
        <Table caption="Devices" columns={['Kind', 'Id', 'Valid', 'Last seen', 'Actions']}>
          {user.devices.map((device) => (
            <tr key={device.id}>
              <td>{device.kind}</td>
              <td className="mono">{device.id}</td>
              <td>{device.valid ? 'Yes' : `No: ${device.invalidReason ?? 'rejected'}`}</td>
              <td>{formatTime(device.lastSeenAt)}</td>
              <td>
                <button type="button" disabled={remove.pending} onClick={() => void remove.run(device.id)}>
                  Remove device {device.kind}
                </button>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
