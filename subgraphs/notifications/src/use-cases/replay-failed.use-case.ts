import { z } from 'zod';
import { ForbiddenError } from '@herald/errors';
import { parseInput } from '@herald/subgraph';
import { isAdmin, requireIdentity, type Caller } from '@herald/identity';
import { CHANNELS, type Notification } from '../domain/notification';
import type { ReplayRepository, ReplaySelection } from '../store/replay.repository';
import type { Clock, StatusFeed } from './ports';

/** Notifications one replay call moves at most: a call is one transaction, kept short. */
export const MAX_REPLAY = 1000;

/** The arguments of Mutation.replayFailedNotifications, validated. */
export const replayFailedInput = z.object({
  filter: z
    .object({
      channel: z.enum(CHANNELS).nullish(),
      failedFrom: z.date().nullish(),
      failedTo: z.date().nullish(),
      reason: z.string().trim().min(1).max(200).nullish(),
    })
    .refine((filter) => !filter.failedFrom || !filter.failedTo || filter.failedFrom < filter.failedTo, {
      error: 'failedFrom must be before failedTo',
      path: ['failedTo'],
    })
    .nullish(),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_REPLAY)
    .nullish()
    .transform((value) => value ?? 100),
});

export interface ReplayFailedCommand {
  /** The arguments as the entry point received them; validated here. */
  readonly input: unknown;
  readonly caller: Caller;
  readonly correlationId: string;
}

export interface ReplayOutcome {
  readonly replayed: number;
  readonly notificationIds: string[];
}

export type ReplayFailed = (command: ReplayFailedCommand) => Promise<ReplayOutcome>;

/** What replaying needs, for the bulk and the single form alike. */
export interface ReplayDeps {
  readonly replays: ReplayRepository;
  readonly clock: Clock;
  readonly statusFeed: StatusFeed;
  /** Wakes the relay for the new outbox messages. */
  readonly onQueued: () => void;
}

/**
 * An admin's replay of FAILED notifications by filter (channel, when they failed, a reason found
 * in their failure's detail), at most `limit` per call, oldest failure first. Each goes back to
 * ACCEPTED with a new attempt series, so the worker starts again at attempt 1. Concurrent calls
 * never replay a notification twice (replay.repository.ts); the answer counts what this call did.
 */
export function makeReplayFailed(deps: ReplayDeps): ReplayFailed {
  const replay = makeReplay(deps);
  return async ({ input, caller, correlationId }) => {
    requireAdmin(caller);
    const { filter, limit } = parseInput(replayFailedInput, input);
    const replayed = await replay(
      {
        channel: filter?.channel ?? undefined,
        failedFrom: filter?.failedFrom ?? undefined,
        failedTo: filter?.failedTo ?? undefined,
        reason: filter?.reason ?? undefined,
      },
      limit,
      correlationId,
    );
    return { replayed: replayed.length, notificationIds: replayed.map(({ id }) => id) };
  };
}

/** Replays the selection and announces it: the outbox is woken and the events published. */
export function makeReplay(deps: ReplayDeps) {
  return async (
    selection: ReplaySelection,
    limit: number,
    correlationId: string,
  ): Promise<Notification[]> => {
    const replayed = await deps.replays.replayFailed(selection, limit, deps.clock.now(), correlationId);
    if (replayed.length === 0) return [];
    deps.onQueued();
    await deps.statusFeed.publish(replayed.map(({ event }) => event));
    return replayed.map(({ notification }) => notification);
  };
}

export function requireAdmin(caller: Caller): void {
  if (!isAdmin(requireIdentity(caller))) throw new ForbiddenError('replaying notifications needs an admin');
}
