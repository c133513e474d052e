import { NotFoundError } from '@herald/errors';
import type { GrpcUser, PromiseClient, UserServiceDefinition } from '@herald/proto';
import type { Recipient, UserDirectory } from '../use-cases/ports';

/** UserService.GetUsers takes at most this many ids per call. */
const GET_USERS_MAX = 500;

/** UserService as the recipient lookup; NOT_FOUND becomes undefined, other failures propagate. */
export function createUserDirectory(client: PromiseClient<UserServiceDefinition>): UserDirectory {
  return {
    async findUser(id) {
      try {
        return toRecipient(await client.GetUser({ id }));
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
    async findUsers(ids) {
      const unique = [...new Set(ids)];
      const found = new Map<string, Recipient>();
      for (let offset = 0; offset < unique.length; offset += GET_USERS_MAX) {
        const { users } = await client.GetUsers({ ids: unique.slice(offset, offset + GET_USERS_MAX) });
        for (const user of users) found.set(user.id, toRecipient(user));
      }
      return found;
    },
  };
}

function toRecipient(user: GrpcUser): Recipient {
  const preferences = user.preferences;
  const quiet = preferences?.quiet_hours;
  return {
    id: user.id,
    locale: user.locale || null,
    // A user without stored preferences gets every channel (the users service default).
    preferences: {
      email: preferences?.email ?? true,
      push: preferences?.push ?? true,
      optedOutCategories: preferences?.opted_out_categories ?? [],
      quietHours: quiet && quiet.start && quiet.end && quiet.timezone ? quiet : null,
    },
    hasValidPushDevice: (user.devices ?? []).some((device) => device.valid),
    emailSuppressed: user.email_suppressed,
  };
}
