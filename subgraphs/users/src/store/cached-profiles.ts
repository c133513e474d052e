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
      const cached = await Promise.all(ids.map((id) => cache.get(id.toLowerCase())));
      const missing = ids.filter((_, index) => cached[index] === undefined);
      const loaded = missing.length > 0 ? await users.findProfiles(missing) : [];
      await Promise.all(loaded.map((profile) => cache.set(profile.id, toCached(profile))));
      const byId = new Map<string, UserProfile>(loaded.map((profile) => [profile.id, profile]));
      for (const profile of cached) if (profile) byId.set(profile.id, reviveProfile(profile));
      // The repository's contract: existing users, in the order asked, each once.
      const seen = new Set<string>();
      return ids.flatMap((id) => {
        const key = id.toLowerCase();
        const profile = byId.get(key);
        if (!profile || seen.has(key)) return [];
        seen.add(key);
        return [profile];
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
