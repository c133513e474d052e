import { HeraldClientError, type Channel } from '@herald/client';
import { useState } from 'react';
import { ErrorMessage } from '../shared/error-message.tsx';
import { TextAreaField, TextField } from '../shared/field.tsx';
import { RenderedMessageView } from './rendered-message-view.tsx';
import {
  draftProblems,
  fieldErrorsOf,
  fieldsOf,
  missingVariablesOf,
  variablesOf,
  type DraftField,
  type TemplateDraft,
} from './template-draft.ts';
import { usePreview } from './use-preview.ts';

const LABELS: Record<Exclude<DraftField, 'locale'>, { label: string; multiline: boolean; hint?: string }> = {
  subject: { label: 'Subject', multiline: false },
  title: { label: 'Push title', multiline: false },
  body: { label: 'Text body', multiline: true },
  bodyHtml: { label: 'HTML body', multiline: true },
  imageUrl: { label: 'Image URL', multiline: false, hint: 'https only' },
  link: { label: 'Link', multiline: false, hint: 'https only' },
};

interface EditorProps {
  readonly channel: Channel;
  readonly draft: TemplateDraft;
  readonly onDraft: (draft: TemplateDraft) => void;
  /** Variable names known from the saved version; the preview adds the ones it finds missing. */
  readonly knownVariables: readonly string[];
  /** A refusal of the last save, shown at the fields as the preview's are. */
  readonly saveError: unknown;
  readonly localeEditable: boolean;
}

/**
 * The content fields, a form for the variables, and beside them the server's rendering of the
 * unsaved draft, refreshed as the user types. A refusal is shown at the field it names.
 */
export function TemplateEditor({
  channel,
  draft,
  onDraft,
  knownVariables,
  saveError,
  localeEditable,
}: EditorProps) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [extraNames, setExtraNames] = useState<string[]>([]);
  const [newName, setNewName] = useState('');
  const variables = variablesOf(values);
  const preview = usePreview(channel, draft, variables);
  const refusal = preview.error instanceof HeraldClientError ? preview.error : undefined;
  const saveRefusal = saveError instanceof HeraldClientError ? saveError : undefined;
  const missing = refusal ? missingVariablesOf(refusal) : [];
  const names = [...new Set([...knownVariables, ...preview.variables, ...missing, ...extraNames])];
  const errors: Record<string, string | undefined> = {
    ...draftProblems(channel, draft),
    ...(refusal ? fieldErrorsOf(refusal) : {}),
    ...(saveRefusal ? fieldErrorsOf(saveRefusal) : {}),
  };
  const set = (field: DraftField, value: string) => onDraft({ ...draft, [field]: value });
  return (
    <div className="editor">
      <div className="editor-form">
        {localeEditable ? (
          <TextField
            label="Locale"
            value={draft.locale}
            error={errors.locale}
            hint="A BCP 47 tag such as en or pt-BR"
            onChange={(event) => set('locale', event.target.value)}
          />
        ) : null}
        {fieldsOf(channel).map((field) => {
          const { label, multiline, hint } = LABELS[field as Exclude<DraftField, 'locale'>];
          const common = {
            label,
            hint,
            value: draft[field],
            error: errors[field],
          };
          return multiline ? (
            <TextAreaField
              key={field}
              {...common}
              rows={field === 'bodyHtml' ? 8 : 5}
              onChange={(event) => set(field, event.target.value)}
            />
          ) : (
            <TextField key={field} {...common} onChange={(event) => set(field, event.target.value)} />
          );
        })}
        <fieldset className="variables">
          <legend>Variables for the preview</legend>
          {names.length === 0 ? (
            <p className="hint">The preview names the variables the draft needs.</p>
          ) : null}
          {names.map((name) => (
            <TextField
              key={name}
              label={name}
              value={values[name] ?? ''}
              error={missing.includes(name) ? 'Missing: the template uses this variable' : undefined}
              onChange={(event) => setValues((previous) => ({ ...previous, [name]: event.target.value }))}
            />
          ))}
          <div className="add-variable">
            <TextField
              label="Add a variable"
              value={newName}
              onChange={(event) => setNewName(event.target.value)}
            />
            <button
              type="button"
              disabled={!newName.trim()}
              onClick={() => {
                setExtraNames((previous) => [...previous, newName.trim()]);
                setNewName('');
              }}
            >
              Add
            </button>
          </div>
        </fieldset>
      </div>
      <section className="preview card" aria-labelledby="preview-heading" aria-busy={preview.pending}>
        <h2 id="preview-heading">Preview</h2>
        <p className="hint" role="status">
          {preview.pending
            ? 'Rendering…'
            : refusal
              ? 'The server refused this draft:'
              : 'Rendered by the server'}
        </p>
        {refusal ? (
          <ul className="refusal" aria-label="Problems">
            <li>{refusal.message}</li>
            {refusal.issues.map((issue) => (
              <li key={`${issue.field}: ${issue.message}`}>
                <strong>{issue.field}</strong>: {issue.message}
              </li>
            ))}
          </ul>
        ) : (
          <ErrorMessage error={preview.error} />
        )}
        {preview.message ? <RenderedMessageView message={preview.message} /> : null}
      </section>
    </div>
  );
}
