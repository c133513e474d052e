import type { NotificationDetail } from '@herald/client';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../shared/error-message.tsx';
import { formatTime } from '../shared/format.ts';
import { StatusBadge } from '../shared/status-badge.tsx';
import { useLoad } from '../shared/use-load.ts';
import { useSession } from '../session/session-context.tsx';
import { RenderedMessageView } from '../templates/rendered-message-view.tsx';
import { useLiveNotification } from './use-live-notification.ts';

const LIVE_LABEL = { connecting: 'Connecting…', live: 'Live', ended: 'Not live: reload to see changes' };

/** One notification: its timeline as it happens, its variables and the message it renders to. */
export function NotificationPage() {
  const { id = '' } = useParams();
  const { notification, error, live } = useLiveNotification(id);
  return (
    <>
      <h1>Notification</h1>
      <p className="mono">{id}</p>
      <ErrorMessage error={error} />
      {notification === null ? <p>No such notification, or it is not yours to read.</p> : null}
      {notification === undefined && !error ? <p role="status">Loading…</p> : null}
      {notification ? (
        <>
          <section aria-labelledby="summary-heading" className="card">
            <h2 id="summary-heading">Summary</h2>
            <dl className="facts">
              <dt>Status</dt>
              <dd data-testid="notification-status">
                <StatusBadge status={notification.status} />
                {notification.statusDetail ? <span> {notification.statusDetail}</span> : null}
              </dd>
              <dt>Channel</dt>
              <dd>{notification.channel}</dd>
              <dt>Template</dt>
              <dd>
                <Link to={`/templates/${encodeURIComponent(notification.template.code)}`}>
                  {notification.template.code}
                </Link>{' '}
                version {notification.templateVersion ?? '–'}, locale {notification.locale ?? '–'}
              </dd>
              <dt>To</dt>
              <dd>
                <Link to={`/users/${notification.user.id}`}>{notification.user.name}</Link> (
                {notification.user.email})
              </dd>
              <dt>Attempts</dt>
              <dd>{notification.attempts}</dd>
              <dt>Priority</dt>
              <dd>{notification.priority}</dd>
              <dt>Category</dt>
              <dd>{notification.category ?? '–'}</dd>
              <dt>Scheduled for</dt>
              <dd>{formatTime(notification.scheduledFor)}</dd>
              <dt>Request id</dt>
              <dd className="mono">{notification.requestId}</dd>
            </dl>
          </section>
          <section aria-labelledby="timeline-heading" className="card">
            <h2 id="timeline-heading">
              Timeline <span className={`live live-${live}`}>{LIVE_LABEL[live]}</span>
            </h2>
            <ol className="timeline" aria-live="polite" aria-label="Status changes, oldest first">
              {notification.events.map((entry) => (
                <li key={`${entry.status}-${entry.at}`}>
                  <StatusBadge status={entry.status} />{' '}
                  <time dateTime={entry.at}>{formatTime(entry.at)}</time>
                  {entry.detail ? <span className="muted"> {entry.detail}</span> : null}
                </li>
              ))}
            </ol>
          </section>
          <section aria-labelledby="variables-heading" className="card">
            <h2 id="variables-heading">Variables</h2>
            <pre>{JSON.stringify(notification.variables, null, 2)}</pre>
            {notification.metadata ? (
              <>
                <h3>Metadata</h3>
                <pre>{JSON.stringify(notification.metadata, null, 2)}</pre>
              </>
            ) : null}
          </section>
          <RenderedContent notification={notification} />
        </>
      ) : null}
    </>
  );
}

/** The message as the worker rendered it: the same version and locale, with the same variables. */
function RenderedContent({ notification }: { readonly notification: NotificationDetail }) {
  const { client } = useSession();
  const { template, templateVersion, locale, variables } = notification;
  const rendered = useLoad(
    (options) =>
      client.templates.render(
        {
          code: template.code,
          version: templateVersion,
          locale,
          variables: variables as Record<string, unknown>,
        },
        options,
      ),
    [template.code, templateVersion, locale, JSON.stringify(variables)],
  );
  return (
    <section aria-labelledby="rendered-heading" className="card">
      <h2 id="rendered-heading">Rendered content</h2>
      <ErrorMessage error={rendered.error} />
      {rendered.data ? <RenderedMessageView message={rendered.data} /> : null}
    </section>
  );
}
