import { HeraldClientError, type TemplateDetail } from '@herald/client';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../shared/error-message.tsx';
import { TextAreaField, TextField } from '../shared/field.tsx';
import { useAction } from '../shared/use-load.ts';
import { useSession } from '../session/session-context.tsx';
import { fieldErrorsOf } from './template-draft.ts';
import { parseVariablesJson } from './variables-json.ts';

/** Sends the template's active version to one user, then opens the notification to watch it arrive. */
export function SendTestForm({ template }: { readonly template: TemplateDetail }) {
  const { client } = useSession();
  const navigate = useNavigate();
  const names = [...new Set(template.versions.filter((v) => v.published).flatMap((v) => v.variables))];
  const [userId, setUserId] = useState('');
  const [locale, setLocale] = useState('');
  const [sendAt, setSendAt] = useState('');
  const [variablesText, setVariablesText] = useState(
    JSON.stringify(Object.fromEntries(names.map((name) => [name, ''])), null, 2),
  );
  const variables = parseVariablesJson(variablesText);
  const send = useAction(async () => {
    if (!variables.ok) return;
    const { notification } = await client.notifications.send({
      channel: template.channel,
      userId: userId.trim(),
      templateCode: template.code,
      variables: variables.value,
      locale: locale.trim() || null,
      sendAt: sendAt ? new Date(sendAt).toISOString() : null,
      metadata: { source: 'herald-console test send' },
    });
    await navigate(`/notifications/${notification.id}`);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send.run();
  };
  const issues: Record<string, string | undefined> =
    send.error instanceof HeraldClientError ? fieldErrorsOf(send.error) : {};
  return (
    <section aria-labelledby="send-test-heading" className="card">
      <h2 id="send-test-heading">Send a test notification</h2>
      <form onSubmit={submit}>
        <TextField
          label="Recipient user id"
          required
          value={userId}
          error={issues.userId}
          onChange={(event) => setUserId(event.target.value)}
        />
        <TextField
          label="Locale (optional)"
          value={locale}
          hint="Empty: the user's locale"
          onChange={(event) => setLocale(event.target.value)}
        />
        <TextField
          label="Send at (optional)"
          type="datetime-local"
          step={1}
          value={sendAt}
          error={issues.sendAt}
          hint="Empty: now. Later: watch it wait as SCHEDULED, then go out."
          onChange={(event) => setSendAt(event.target.value)}
        />
        <TextAreaField
          label="Variables (JSON)"
          rows={5}
          value={variablesText}
          error={variables.ok ? undefined : variables.problem}
          onChange={(event) => setVariablesText(event.target.value)}
        />
        <ErrorMessage error={send.error} />
        <button type="submit" className="primary" disabled={send.pending || !variables.ok}>
          Send test
        </button>
      </form>
    </section>
  );
}
