import type { RenderedMessage } from '@herald/client';

type Shown = Pick<RenderedMessage, 'subject' | 'title' | 'body' | 'bodyHtml' | 'imageUrl' | 'link'>;

/**
 * A rendered message. Its HTML is shown as source text, never injected into the page: it is
 * content the console did not write, and the console's CSP allows no inline styles anyway.
 */
export function RenderedMessageView({ message }: { readonly message: Shown }) {
  return (
    <dl className="rendered">
      {message.subject !== null ? (
        <>
          <dt>Subject</dt>
          <dd data-testid="rendered-subject">{message.subject}</dd>
        </>
      ) : null}
      {message.title !== null ? (
        <>
          <dt>Title</dt>
          <dd data-testid="rendered-title">{message.title}</dd>
        </>
      ) : null}
      <dt>Text</dt>
      <dd>
        <pre data-testid="rendered-body">{message.body}</pre>
      </dd>
      {message.bodyHtml !== null ? (
        <>
          <dt>HTML</dt>
          <dd>
            <pre data-testid="rendered-html">{message.bodyHtml}</pre>
          </dd>
        </>
      ) : null}
      {message.imageUrl !== null ? (
        <>
          <dt>Image</dt>
          <dd className="mono">{message.imageUrl}</dd>
        </>
      ) : null}
      {message.link !== null ? (
        <>
          <dt>Link</dt>
          <dd className="mono">{message.link}</dd>
        </>
      ) : null}
    </dl>
  );
}
