import type { Channel } from '@herald/client';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../shared/error-message.tsx';
import { SelectField } from '../shared/field.tsx';
import { formatTime } from '../shared/format.ts';
import { Pager } from '../shared/pager.tsx';
import { useLoad } from '../shared/use-load.ts';
import { useSession } from '../session/session-context.tsx';
import { CHANNELS } from '../notifications/notification-filters.ts';

export function TemplatesPage() {
  const { client } = useSession();
  const [channel, setChannel] = useState<Channel | ''>('');
  const [page, setPage] = useState(1);
  const list = useLoad(
    (options) => client.templates.list({ channel: channel || null, page, limit: 20 }, options),
    [channel, page],
  );
  return (
    <>
      <div className="title-row">
        <h1>Templates</h1>
        <Link className="button primary" to="/templates/new">
          New template
        </Link>
      </div>
      <div className="filters">
        <SelectField
          label="Channel"
          value={channel}
          onChange={(event) => {
            setChannel(event.target.value as Channel | '');
            setPage(1);
          }}
          options={[{ value: '', label: 'Any' }, ...CHANNELS.map((value) => ({ value, label: value }))]}
        />
      </div>
      <ErrorMessage error={list.error} />
      {list.data ? (
        <>
          <table>
            <caption className="visually-hidden">Templates</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Channel</th>
                <th scope="col">Default locale</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((template) => (
                <tr key={template.code}>
                  <td>
                    <Link to={`/templates/${encodeURIComponent(template.code)}`}>{template.code}</Link>
                  </td>
                  <td>{template.channel}</td>
                  <td>{template.defaultLocale}</td>
                  <td>{formatTime(template.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.data.items.length === 0 ? <p>No templates yet.</p> : null}
          <Pager meta={list.data.meta} onPage={setPage} />
        </>
      ) : list.loading ? (
        <p role="status">Loading…</p>
      ) : null}
    </>
  );
}
