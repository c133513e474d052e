import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../shared/error-message.tsx';
import { formatTime } from '../shared/format.ts';
import { PagedList } from '../shared/paged-list.tsx';
import { useLoad } from '../shared/use-load.ts';
import { useSession } from '../session/session-context.tsx';
import { Table } from '../shared/table.tsx';

/** Every user (needs users:admin or an admin). */
export function UsersPage() {
  const { client } = useSession();
  const [page, setPage] = useState(1);
  const list = useLoad((options) => client.users.list({ page, limit: 20 }, options), [page]);
  return (
    <>
      <h1>Users</h1>
      <ErrorMessage error={list.error} />
      <PagedList loaded={list} empty="No users." onPage={setPage}>
        {(items) => (
          <Table caption="Users" columns={['Name', 'Email', 'Role', 'Locale', 'Devices', 'Created']}>
            {items.map((user) => (
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
          </Table>
        )}
      </PagedList>
    </>
  );
}
