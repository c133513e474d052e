import type { LoadTicket, LocalCache } from '@herald/cache';
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
      const found = new Map<string, Recipient>();
      const missing: string[] = [];
      for (const id of ids) {
        const cached = cache.peek(userGroup(id), '');
        if (cached) found.set(cached.id, cached);
        else missing.push(id);
      }
      if (missing.length === 0) return found;
      // Taken before the call: a change announced while it is under way voids its answer.
      const tickets = new Map<string, LoadTicket<Recipient>>();
      for (const group of new Set(missing.map(userGroup))) tickets.set(group, cache.startLoad(group));
      try {
        for (const [id, recipient] of await directory.findUsers(missing)) {
          tickets.get(userGroup(id))?.remember('', recipient);
          found.set(id, recipient);
        }
      } finally {
        for (const ticket of tickets.values()) ticket.end();
      }
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
