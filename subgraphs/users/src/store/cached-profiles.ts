import type { Logger } from '@herald/logging';
import type { Cache, ChangeFeed } from '@herald/redis';
import type { Device } from '../domain/device';
import type { UserProfile } from '../domain/user';
import type { CachedProfiles, UserRepository } from '../use-cases/ports';

/** A UserProfile after a JSON round trip: dates are ISO strings. */
export type CachedProfile = Omit<UserProfile, 'createdAt' | 'updatedAt' | 'devices'> & {
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly devices: readonly (Omit<Device, 'createdAt' | 'lastSeenAt'> & {
    readonly createdAt: string;
    readonly lastSeenAt: string | null;
  })[];
};

export function createCachedProfiles(
  users: Pick<UserRepository, 'findProfiles'>,
  cache: Cache<CachedProfile>,
  changes: Pick<ChangeFeed, 'announce'>,
  log: Logger,
): CachedProfiles {
  return {
    async findProfiles(ids) {
      // Keys are the stored, lowercase ids; a caller may hold another spelling.
      const keys = ids.map((id) => id.toLowerCase());
      const found = await cache.getOrLoadMany(keys, async (missing) => {
        const loaded = await users.findProfiles(missing);
        return new Map(loaded.map((profile) => [profile.id, toCached(profile)]));
      });
      // The repository's contract: existing users, in the order asked, each once.
      const seen = new Set<string>();
      return keys.flatMap((key, index) => {
        const profile = found[index];
        if (!profile || seen.has(key)) return [];
        seen.add(key);
        return [reviveProfile(profile)];
      });
    },
    async forget(...ids) {
      // Keys are the stored, lowercase ids; a caller may hold another spelling.
      const keys = ids.map((id) => id.toLowerCase());
      try {
        await cache.delete(...keys);
      } catch (error) {
        log.warn(
          { err: error, user_ids: ids },
          'user cache invalidation failed; entries expire on their own',
        );
      }
      await Promise.all(keys.map((key) => changes.announce(key)));
    },
  };
}

function toCached(profile: UserProfile): CachedProfile {
  return {
    ...profile,
    createdAt: profile.createdAt.toISOString(),
    updatedAt: profile.updatedAt.toISOString(),
    devices: profile.devices.map((device) => ({
      ...device,
      createdAt: device.createdAt.toISOString(),
      lastSeenAt: device.lastSeenAt?.toISOString() ?? null,
    })),
  };
}

function reviveProfile(cached: CachedProfile): UserProfile {
  return {
    ...cached,
    createdAt: new Date(cached.createdAt),
    updatedAt: new Date(cached.updatedAt),
    devices: cached.devices.map((device) => ({
      ...device,
      createdAt: new Date(device.createdAt),
      lastSeenAt: device.lastSeenAt === null ? null : new Date(device.lastSeenAt),
    })),
  };
}
