import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../shared/error-message.tsx';
import { formatTime } from '../shared/format.ts';
import { Pager } from '../shared/pager.tsx';
import { useLoad } from '../shared/use-load.ts';
import { useSession } from '../session/session-context.tsx';

/** Every user (needs users:admin or an admin). */
export function UsersPage() {
  const { client } = useSession();
  const [page, setPage] = useState(1);
  const list = useLoad((options) => client.users.list({ page, limit: 20 }, options), [page]);
  return (
    <>
      <h1>Users</h1>
      <ErrorMessage error={list.error} />
      {list.data ? (
        <>
          <table>
            <caption className="visually-hidden">Users</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Locale</th>
                <th scope="col">Devices</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((user) => (
                <tr key={user.id}>
                  <td>
                    <Link to={`/users/${user.id}`}>{user.name}</Link>
                  </td>
                  <td>{user.email}</td>
                  <td>{user.role}</td>
                  <td>{user.locale}</td>
                  <td>{user.devices.length}</td>
                  <td>{formatTime(user.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager meta={list.data.meta} onPage={setPage} />
        </>
      ) : list.loading ? (
        <p role="status">Loading…</p>
      ) : null}
    </>
  );
}
