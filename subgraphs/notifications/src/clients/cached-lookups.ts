import type { LocalCache } from '@herald/cache';
import type { Recipient, TemplateCatalog, TemplateSummary, UserDirectory } from '../use-cases/ports';

/** Groups are lowercase user ids: what users stores and announces, whatever spelling a sender used. */
const userGroup = (id: string) => id.toLowerCase();

/**
 * Recipients from memory; a user changed in users is dropped when it announces the change.
 * Unknown users are not remembered, so a user created a moment later is found.
 */
export function cacheUserDirectory(directory: UserDirectory, cache: LocalCache<Recipient>): UserDirectory {
  return {
    findUser: (id) => cache.getOrLoad(userGroup(id), '', () => directory.findUser(id)),
    async findUsers(ids) {
      // Concurrent misses of a user, single or batched, share one load; the rest go in one call.
      const recipients = await cache.getOrLoadMany(ids.map(userGroup), '', async (missing) => {
        const wanted = new Set(missing);
        const loaded = await directory.findUsers(ids.filter((id) => wanted.has(userGroup(id))));
        return new Map([...loaded].map(([id, recipient]) => [userGroup(id), recipient]));
      });
      const found = new Map<string, Recipient>();
      for (const recipient of recipients) if (recipient) found.set(recipient.id, recipient);
      return found;
    },
  };
}

/**
 * Template summaries from memory, per code and locale; templates announces a publish per code.
 * A template not found is not remembered, so one created a moment later is found.
 */
export function cacheTemplateCatalog(
  catalog: TemplateCatalog,
  cache: LocalCache<TemplateSummary>,
): TemplateCatalog {
  return {
    findTemplate: (code, locale) =>
      cache.getOrLoad(code, locale ?? '', () => catalog.findTemplate(code, locale)),
  };
}
