import type { Channel } from '@herald/client';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../shared/error-message.tsx';
import { SelectField, TextField } from '../shared/field.tsx';
import { useAction } from '../shared/use-load.ts';
import { useSession } from '../session/session-context.tsx';
import { CHANNEL_OPTIONS } from '../notifications/notification-filters.ts';
import { EMPTY_DRAFT, createInput, fieldErrorsOf, type TemplateDraft } from './template-draft.ts';
import { TemplateEditor } from './template-editor.tsx';
import { HeraldClientError } from '@herald/client';

/** A new template and its first version, previewed as it is written. */
export function NewTemplatePage() {
  const { client } = useSession();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [channel, setChannel] = useState<Channel>('EMAIL');
  const [draft, setDraft] = useState<TemplateDraft>(EMPTY_DRAFT);
  const [publish, setPublish] = useState(true);
  const create = useAction(async () => {
    const template = await client.templates.create(createInput(code, channel, draft, publish));
    await navigate(`/templates/${encodeURIComponent(template.code)}`);
  });
  const errors: Record<string, string | undefined> =
    create.error instanceof HeraldClientError ? fieldErrorsOf(create.error) : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  return (
    <>
      <h1>New template</h1>
      <form onSubmit={submit} className="card">
        <div className="filters">
          <TextField
            label="Code"
            required
            value={code}
            error={errors.code}
            hint="Lowercase letters and digits, then also _ . or -"
            onChange={(event) => setCode(event.target.value)}
          />
          <SelectField
            label="Channel"
            value={channel}
            onChange={(event) => setChannel(event.target.value as Channel)}
            options={CHANNEL_OPTIONS.slice(1)}
          />
        </div>
        <TemplateEditor
          channel={channel}
          draft={draft}
          onDraft={setDraft}
          knownVariables={[]}
          saveError={create.error}
          localeEditable
        />
        <label className="inline">
          <input type="checkbox" checked={publish} onChange={(event) => setPublish(event.target.checked)} />
          Publish version 1 at once
        </label>
        <ErrorMessage error={create.error} />
        <button type="submit" className="primary" disabled={create.pending}>
          Create template
        </button>
      </form>
    </>
  );
}
