import { useEffect } from 'react';
import { ErrorMessage } from '../shared/error-message.tsx';
import { formatTime } from '../shared/format.ts';
import { useLoad } from '../shared/use-load.ts';
import { useSession } from '../session/session-context.tsx';
import { Table } from '../shared/table.tsx';

/** Read again this often while the screen is open: the figures are only worth anything fresh. */
const REFRESH_MS = 10_000;

/** Each service's readiness, the queues' depths and the workers' breakers (admins only). */
export function SystemPage() {
  const { client } = useSession();
  const status = useLoad((options) => client.system.status(options), []);
  const { reload } = status;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return (
    <>
      <div className="title-row">
        <h1>System</h1>
        <button type="button" onClick={reload} disabled={status.loading}>
          Refresh
        </button>
      </div>
      <ErrorMessage error={status.error} />
      {status.data ? (
        <>
          <p className="hint" role="status">
            Checked {formatTime(status.data.checkedAt)}; read again every {REFRESH_MS / 1000} s.
          </p>
          <section aria-labelledby="services-heading" className="card">
            <h2 id="services-heading">Services</h2>
            <Table caption="Services and their readiness checks" columns={['Service', 'Ready', 'Checks']}>
              {status.data.services.map((service) => (
                <tr key={service.name}>
                  <td>{service.name}</td>
                  <td>
                    <span className={`badge badge-${service.ready ? 'ready' : 'not-ready'}`}>
                      {service.ready ? 'Ready' : 'Not ready'}
                    </span>
                  </td>
                  <td>
                    <ul className="checks">
                      {service.checks.map((check) => (
                        <li key={check.name}>
                          {check.ok ? 'ok' : 'failed'}: {check.name}
                          {check.detail ? <span className="muted"> ({check.detail})</span> : null}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </Table>
          </section>
          <section aria-labelledby="queues-heading" className="card">
            <h2 id="queues-heading">Queues</h2>
            {status.data.queues.length === 0 ? <p>No queue figures: the broker did not answer.</p> : null}
            <Table caption="Queue depths" columns={['Queue', 'Messages', 'Consumers']}>
              {status.data.queues.map((queue) => (
                <tr key={queue.name}>
                  <td className="mono">{queue.name}</td>
                  <td>{queue.messages}</td>
                  <td>{queue.consumers}</td>
                </tr>
              ))}
            </Table>
          </section>
          <section aria-labelledby="breakers-heading" className="card">
            <h2 id="breakers-heading">Circuit breakers</h2>
            {status.data.breakers.length === 0 ? <p>No worker has reported a breaker.</p> : null}
            <Table caption="Provider circuit breakers" columns={['Worker', 'Provider', 'State']}>
              {status.data.breakers.map((breaker) => (
                <tr key={`${breaker.worker}/${breaker.provider}`}>
                  <td>{breaker.worker}</td>
                  <td>{breaker.provider}</td>
                  <td>
                    <span className={`badge badge-${breaker.state.toLowerCase().replace('_', '-')}`}>
                      {breaker.state}
                    </span>
                  </td>
                </tr>
              ))}
            </Table>
          </section>
        </>
      ) : status.loading ? (
        <p role="status">Loading…</p>
      ) : null}
    </>
  );
}
