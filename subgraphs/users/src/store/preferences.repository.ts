import type { EntityManager } from 'typeorm';
import type { PreferencesRepository } from '../use-cases/ports';
import { isUuid } from './is-uuid';
import { PreferencesEntity } from './preferences.entity';
import { UserEntity } from './user.entity';
import { toPreferences } from './user.mapper';

/**
 * Preferences on a transaction's `manager`: the user's row lock makes concurrent partial updates
 * wait for each other instead of overwriting each other.
 */
export function createLockedPreferencesRepository(manager: EntityManager): PreferencesRepository {
  const preferences = manager.getRepository(PreferencesEntity);
  return {
    async lock(userId) {
      if (!isUuid(userId)) return undefined;
      const user = await manager
        .getRepository(UserEntity)
        .findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) return undefined;
      return toPreferences((await preferences.findOneBy({ userId })) ?? undefined);
    },

    async save(userId, next) {
      await preferences.save({
        userId,
        email: next.email,
        push: next.push,
        optedOutCategories: [...next.optedOutCategories],
        quietHours: next.quietHours,
      });
    },
  };
}
