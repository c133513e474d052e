import type { Channel, PreviewTemplateQueryVariables, RenderedMessage } from '@herald/client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { createDebouncer } from '../shared/debounce.ts';
import { useSession } from '../session/session-context.tsx';
import { draftInput, localeOf, type TemplateDraft } from './template-draft.ts';

/** How long typing must pause before the server renders the draft again. */
export const PREVIEW_DEBOUNCE_MS = 300;

export interface PreviewState {
  readonly message: RenderedMessage | undefined;
  /** The variables the draft needs, from the last rendering that succeeded. */
  readonly variables: readonly string[];
  /** The server's refusal of the draft (by field in its issues, missing variables in its details). */
  readonly error: unknown;
  readonly pending: boolean;
}

/**
 * The draft rendered by the server as the user types: one request once typing pauses, the one
 * in flight aborted when the draft changes again, so an older answer never replaces a newer one.
 */
export function usePreview(
  channel: Channel,
  draft: TemplateDraft,
  variables: Readonly<Record<string, unknown>>,
): PreviewState {
  const { client, endIfRefused } = useSession();
  const [state, setState] = useState<PreviewState>({
    message: undefined,
    variables: [],
    error: undefined,
    pending: true,
  });
  const inFlight = useRef<AbortController | undefined>(undefined);
  const debouncer = useMemo(
    () =>
      createDebouncer(PREVIEW_DEBOUNCE_MS, (request: PreviewTemplateQueryVariables) => {
        inFlight.current?.abort();
        const abort = new AbortController();
        inFlight.current = abort;
        client.templates.preview(request, { signal: abort.signal }).then(
          (message) => {
            if (!abort.signal.aborted)
              setState({ message, variables: message.variables, error: undefined, pending: false });
          },
          (error: unknown) => {
            if (abort.signal.aborted || endIfRefused(error)) return;
            setState((previous) => ({ ...previous, message: undefined, error, pending: false }));
          },
        );
      }),
    [client, endIfRefused],
  );
  const key = JSON.stringify([channel, draft, variables]);
  useEffect(() => {
    setState((previous) => ({ ...previous, pending: true }));
    debouncer.push({
      channel,
      draft: draftInput(channel, draft),
      variables,
      locale: localeOf(draft),
    });
    // `key` stands for the draft's content: a new object with the same content renders nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncer, key]);
  useEffect(
    () => () => {
      debouncer.cancel();
      inFlight.current?.abort();
    },
    [debouncer],
  );
  return state;
}
