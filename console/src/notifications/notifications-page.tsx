import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../shared/error-message.tsx';
import { SelectField, TextField } from '../shared/field.tsx';
import { formatTime } from '../shared/format.ts';
import { PagedList } from '../shared/paged-list.tsx';
import { StatusBadge } from '../shared/status-badge.tsx';
import { useLoad } from '../shared/use-load.ts';
import { useSession } from '../session/session-context.tsx';
import { ChannelSelect } from './channel-filter.tsx';
import {
  STATUS_OPTIONS,
  filterProblems,
  filtersFromSearch,
  notificationsQuery,
  searchFromFilters,
  type NotificationFilters,
} from './notification-filters.ts';
import { Table } from '../shared/table.tsx';

/** Every notification the credential may read, filtered and paged; the filters live in the address. */
export function NotificationsPage() {
  const { client } = useSession();
  const [search, setSearch] = useSearchParams();
  const applied = filtersFromSearch(search);
  const [form, setForm] = useState<NotificationFilters>(applied);
  const problems = filterProblems(form);
  const query = notificationsQuery(applied);
  const list = useLoad((options) => client.notifications.list(query, options), [search.toString()]);
  const set = (changes: Partial<NotificationFilters>) => setForm((previous) => ({ ...previous, ...changes }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(problems).length === 0) setSearch(searchFromFilters({ ...form, page: 1 }));
  };
  return (
    <>
      <h1>Notifications</h1>
      <form className="filters" onSubmit={apply} aria-label="Filter notifications">
        <TextField
          label="User id"
          value={form.userId}
          onChange={(event) => set({ userId: event.target.value })}
        />
        <SelectField
          label="Status"
          value={form.status}
          onChange={(event) => set({ status: event.target.value as NotificationFilters['status'] })}
          options={STATUS_OPTIONS}
        />
        <ChannelSelect value={form.channel} onChoose={(channel) => set({ channel })} />
        <TextField
          label="Created from"
          type="datetime-local"
          value={form.from}
          error={problems.from}
          onChange={(event) => set({ from: event.target.value })}
        />
        <TextField
          label="Created before"
          type="datetime-local"
          value={form.to}
          error={problems.to}
          onChange={(event) => set({ to: event.target.value })}
        />
        <div className="actions">
          <button type="submit" className="primary">
            Apply filters
          </button>
        </div>
      </form>
      <ErrorMessage error={list.error} />
      <PagedList
        loaded={list}
        empty="No notification matches these filters."
        onPage={(page) => setSearch(searchFromFilters({ ...applied, page }))}
      >
        {(items) => (
          <Table
            caption="Notifications, newest first"
            columns={['Created', 'Status', 'Channel', 'Template', 'User', 'Attempts']}
          >
            {items.map((notification) => (
              <tr key={notification.id}>
                <td>
                  <Link to={`/notifications/${notification.id}`}>{formatTime(notification.createdAt)}</Link>
                </td>
                <td>
                  <StatusBadge status={notification.status} />
                </td>
                <td>{notification.channel}</td>
                <td>{notification.template.code}</td>
                <td className="mono">{notification.user.id}</td>
                <td>{notification.attempts}</td>
              </tr>
            ))}
          </Table>
        )}
      </PagedList>
    </>
  );
}
