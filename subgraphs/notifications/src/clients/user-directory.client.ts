import { NotFoundError } from '@herald/errors';
import type { PromiseClient, UserServiceDefinition } from '@herald/proto';
import type { Recipient, UserDirectory } from '../use-cases/ports';

/** UserService.GetUser as the recipient lookup; NOT_FOUND becomes undefined, other failures propagate. */
export function createUserDirectory(client: PromiseClient<UserServiceDefinition>): UserDirectory {
  return {
    async findUser(id) {
      try {
        const user = await client.GetUser({ id });
        const preferences = user.preferences;
        const recipient: Recipient = {
          id: user.id,
          locale: user.locale || null,
          // A user without stored preferences gets every channel (the users service default).
          preferences: {
            email: preferences?.email ?? true,
            push: preferences?.push ?? true,
            optedOutCategories: preferences?.opted_out_categories ?? [],
          },
        };
        return recipient;
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
  };
}
