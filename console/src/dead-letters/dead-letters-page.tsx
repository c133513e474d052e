import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../shared/error-message.tsx';
import { TextField } from '../shared/field.tsx';
import { formatTime } from '../shared/format.ts';
import { PagedList } from '../shared/paged-list.tsx';
import { useAction, useLoad } from '../shared/use-load.ts';
import { useSession } from '../session/session-context.tsx';
import { ChannelSelect, useChannelFilter } from '../notifications/channel-filter.tsx';
import { PAGE_SIZE } from '../notifications/notification-filters.ts';
import { Table } from '../shared/table.tsx';

/** FAILED notifications with why they failed; an admin replays one, or every one a filter selects. */
export function DeadLettersPage() {
  const { client } = useSession();
  const { channel, chooseChannel, page, setPage } = useChannelFilter();
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const failed = useLoad(
    (options) =>
      client.notifications.list(
        { filter: { status: 'FAILED', ...(channel ? { channel } : {}) }, page, limit: PAGE_SIZE },
        options,
      ),
    [channel, page],
  );
  const replayOne = useAction(async (id: string) => {
    await client.notifications.retry(id);
    setOutcome(`Replayed notification ${id}.`);
    failed.reload();
  });
  const replayMany = useAction(async () => {
    const result = await client.notifications.replayFailed({
      ...(channel ? { channel } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
    setOutcome(`Replayed ${result.replayed} notification${result.replayed === 1 ? '' : 's'}.`);
    failed.reload();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    void replayMany.run();
  };
  return (
    <>
      <h1>Dead letters</h1>
      <form className="filters card" onSubmit={submit} aria-label="Replay failed notifications">
        <ChannelSelect value={channel} onChoose={chooseChannel} />
        <TextField
          label="Reason contains"
          value={reason}
          hint='Found in the failure detail, ignoring case, e.g. "mailbox"'
          onChange={(event) => setReason(event.target.value)}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={replayMany.pending}>
            Replay all matching (up to 100)
          </button>
        </div>
      </form>
      {outcome ? <p role="status">{outcome}</p> : null}
      <ErrorMessage error={failed.error ?? replayOne.error ?? replayMany.error} />
      <PagedList loaded={failed} empty="No failed notifications." onPage={setPage}>
        {(items) => (
          <Table
            caption="Failed notifications"
            columns={['Failed at', 'Reason', 'Channel', 'Template', 'Attempts', 'Actions']}
          >
            {items.map((notification) => (
              <tr key={notification.id}>
                <td>
                  <Link to={`/notifications/${notification.id}`}>{formatTime(notification.updatedAt)}</Link>
                </td>
                <td>{notification.statusDetail ?? '–'}</td>
                <td>{notification.channel}</td>
                <td>{notification.template.code}</td>
                <td>{notification.attempts}</td>
                <td>
                  <button
                    type="button"
                    disabled={replayOne.pending}
                    onClick={() => {
                      setOutcome(null);
                      void replayOne.run(notification.id);
                    }}
                    aria-label={`Replay notification ${notification.id}`}
                  >
                    Replay
                  </button>
                </td>
              </tr>
            ))}
          </Table>
        )}
      </PagedList>
    </>
  );
}
