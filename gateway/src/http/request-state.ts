import type { Response } from 'express';
import type { Identity } from '@herald/identity';

/** What the gateway's middleware learns about a request, kept on res.locals under one typed key. */
export interface RequestState {
  readonly correlationId: string;
  identity?: Identity;
}

const KEY = 'herald';

export function setRequestState(res: Response, state: RequestState): void {
  res.locals[KEY] = state;
}

export function requestState(res: Response): RequestState {
  const state = res.locals[KEY] as RequestState | undefined;
  if (!state) throw new Error('the correlation middleware must run before this handler');
  return state;
}
