import { parseInput, type SubgraphContext, type SubgraphResolvers } from '@herald/subgraph';
import { SCOPES, requireScope } from '@herald/identity';
import { z } from 'zod';
import type { EmailSuppression } from '../domain/email-suppression';
import type { UserProfile } from '../domain/user';
import type { LiftEmailSuppression, ListEmailSuppressions } from '../use-cases/email-suppressions.use-case';
import { usersArgs } from './user.inputs';

export interface EmailSuppressionResolverDeps {
  readonly listEmailSuppressions: ListEmailSuppressions;
  readonly liftEmailSuppression: LiftEmailSuppression;
  /** The user a suppression belongs to; null when they no longer exist. */
  readonly findUser: (id: string) => Promise<UserProfile | null>;
}

const liftArgs = z.object({ userId: z.string().min(1, 'is required').max(100) });

/** The suppression list, for admins: read it, and lift an address so that email resumes. */
export function createEmailSuppressionResolvers({
  listEmailSuppressions,
  liftEmailSuppression,
  findUser,
}: EmailSuppressionResolverDeps) {
  return {
    Query: {
      emailSuppressions: (_parent: unknown, args: unknown, context: SubgraphContext) => {
        requireScope(context, SCOPES.usersAdmin);
        return listEmailSuppressions(parseInput(usersArgs, args));
      },
    },
    Mutation: {
      liftEmailSuppression: (_parent: unknown, args: unknown, context: SubgraphContext) => {
        const identity = requireScope(context, SCOPES.usersAdmin);
        const { userId } = parseInput(liftArgs, args);
        return liftEmailSuppression(userId, `${identity.kind}:${identity.id}`);
      },
    },
    EmailSuppression: {
      user: (suppression: EmailSuppression) => findUser(suppression.userId),
    },
  } satisfies SubgraphResolvers;
}
