import { Link } from 'react-router';
import { ErrorMessage } from '../shared/error-message.tsx';
import { formatTime } from '../shared/format.ts';
import { PagedList } from '../shared/paged-list.tsx';
import { useLoad } from '../shared/use-load.ts';
import { useSession } from '../session/session-context.tsx';
import { ChannelSelect, useChannelFilter } from '../notifications/channel-filter.tsx';
import { Table } from '../shared/table.tsx';

export function TemplatesPage() {
  const { client } = useSession();
  const { channel, chooseChannel, page, setPage } = useChannelFilter();
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
        <ChannelSelect value={channel} onChoose={chooseChannel} />
      </div>
      <ErrorMessage error={list.error} />
      <PagedList loaded={list} empty="No templates yet." onPage={setPage}>
        {(items) => (
          <Table caption="Templates" columns={['Code', 'Channel', 'Default locale', 'Created']}>
            {items.map((template) => (
              <tr key={template.code}>
                <td>
                  <Link to={`/templates/${encodeURIComponent(template.code)}`}>{template.code}</Link>
                </td>
                <td>{template.channel}</td>
                <td>{template.defaultLocale}</td>
                <td>{formatTime(template.createdAt)}</td>
              </tr>
            ))}
          </Table>
        )}
      </PagedList>
    </>
  );
}
