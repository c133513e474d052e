import type { TemplateDetail, TemplateVersion } from '@herald/client';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorMessage } from '../shared/error-message.tsx';
import { formatTime } from '../shared/format.ts';
import { LoadedItem } from '../shared/loaded-item.tsx';
import { useAction, useLoad } from '../shared/use-load.ts';
import { useSession } from '../session/session-context.tsx';
import { SendTestForm } from './send-test-form.tsx';
import { EMPTY_DRAFT, draftFromVersion, versionInput, type TemplateDraft } from './template-draft.ts';
import { TemplateEditor } from './template-editor.tsx';
import { historyByLocale } from './version-history.ts';
import { Table } from '../shared/table.tsx';

/** One template: its versions per locale (publish, roll back), a new version's editor, a test send. */
export function TemplatePage() {
  const { code = '' } = useParams();
  const { client } = useSession();
  const loaded = useLoad((options) => client.templates.get(code, options), [code]);
  return (
    <LoadedItem loaded={loaded} missing={<>No template {code}.</>}>
      {(template) => <TemplateView template={template} onChanged={loaded.reload} />}
    </LoadedItem>
  );
}

function TemplateView({ template, onChanged }: { template: TemplateDetail; onChanged: () => void }) {
  const { client } = useSession();
  const history = historyByLocale(template.versions, template.defaultLocale);
  const start = history[0]?.active ?? history[0]?.versions[0];
  const [base, setBase] = useState<TemplateVersion | undefined>(start);
  const [draft, setDraft] = useState<TemplateDraft>(start ? draftFromVersion(start) : EMPTY_DRAFT);
  const [publishNow, setPublishNow] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const publish = useAction(async (number: number) => {
    await client.templates.publish(template.code, number);
    onChanged();
  });
  const save = useAction(async () => {
    const version = await client.templates.addVersion(
      template.code,
      versionInput(template.channel, draft, publishNow),
    );
    setSaved(`Saved as version ${version.number}${version.published ? ', published' : ''}.`);
    onChanged();
  });
  const startFrom = (version: TemplateVersion) => {
    setBase(version);
    setDraft(draftFromVersion(version));
    setSaved(null);
  };
  return (
    <>
      <h1>
        Template <span className="mono">{template.code}</span>
      </h1>
      <p>
        {template.channel} · default locale {template.defaultLocale} · created{' '}
        {formatTime(template.createdAt)}
      </p>
      <section aria-labelledby="history-heading" className="card">
        <h2 id="history-heading">Version history</h2>
        <ErrorMessage error={publish.error} />
        {history.map(({ locale, versions, active }) => (
          <Table
            key={locale}
            caption={`Locale ${locale}`}
            showCaption
            columns={['Version', 'Created', 'Variables', 'State', 'Actions']}
          >
            {versions.map((version) => (
              <tr key={version.number}>
                <td>{version.number}</td>
                <td>{formatTime(version.createdAt)}</td>
                <td>{version.variables.join(', ') || '–'}</td>
                <td>{version.published ? <span className="badge badge-delivered">Active</span> : 'Draft'}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => startFrom(version)}>
                    Edit from v{version.number}
                  </button>
                  {version.published ? null : (
                    <button
                      type="button"
                      disabled={publish.pending}
                      onClick={() => void publish.run(version.number)}
                    >
                      {active && version.number < active.number
                        ? `Roll back to v${version.number}`
                        : `Publish v${version.number}`}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        ))}
      </section>
      <section aria-labelledby="editor-heading" className="card">
        <h2 id="editor-heading">New version {base ? `(from v${base.number})` : ''}</h2>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save.run();
          }}
        >
          <TemplateEditor
            key={base?.number ?? 0}
            channel={template.channel}
            draft={draft}
            onDraft={setDraft}
            knownVariables={base?.variables ?? []}
            saveError={save.error}
            localeEditable
          />
          <label className="inline">
            <input
              type="checkbox"
              checked={publishNow}
              onChange={(event) => setPublishNow(event.target.checked)}
            />
            Publish it at once (it becomes the active version of its locale)
          </label>
          <ErrorMessage error={save.error} />
          {saved ? <p role="status">{saved}</p> : null}
          <button type="submit" className="primary" disabled={save.pending}>
            Save version
          </button>
        </form>
      </section>
      <SendTestForm template={template} />
    </>
  );
}
