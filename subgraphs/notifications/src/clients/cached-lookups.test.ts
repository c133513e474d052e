import { createLocalCache } from '@herald/cache';
import type { Recipient, TemplateSummary, UserDirectory } from '../use-cases/ports';
import { cacheTemplateCatalog, cacheUserDirectory } from './cached-lookups';

const recipient = (id: string): Recipient => ({
  id,
  locale: null,
  preferences: { email: true, push: true, optedOutCategories: [], quietHours: null },
  hasValidPushDevice: false,
  emailSuppressed: false,
});

/** A directory of `known` users that records every id it is asked for. */
function directory(known: Set<string>) {
  const asked: string[][] = [];
  const users: UserDirectory = {
    findUser: async (id) => {
      asked.push([id]);
      return known.has(id) ? recipient(id) : undefined;
    },
    findUsers: async (ids) => {
      asked.push([...ids]);
      return new Map(ids.filter((id) => known.has(id)).map((id) => [id, recipient(id)]));
    },
  };
  return { users, asked };
}

const cache = <V>() => createLocalCache<V>({ capacity: 100, ttlMs: 60_000 });

describe('cacheUserDirectory', () => {
  it('asks users once per user, and again after the user changed', async () => {
    const source = directory(new Set(['ada']));
    const recipients = cache<Recipient>();
    const users = cacheUserDirectory(source.users, recipients);
    expect(await users.findUser('ada')).toEqual(recipient('ada'));
    expect(await users.findUser('ADA')).toEqual(recipient('ada'));
    expect(source.asked).toEqual([['ada']]);
    recipients.invalidate('ada');
    await users.findUser('ada');
    expect(source.asked).toHaveLength(2);
  });

  it('asks again for a user that was not found', async () => {
    const known = new Set<string>();
    const source = directory(known);
    const users = cacheUserDirectory(source.users, cache<Recipient>());
    expect(await users.findUser('grace')).toBeUndefined();
    known.add('grace');
    expect(await users.findUser('grace')).toEqual(recipient('grace'));
  });

  it('answers a batch from memory and asks users only for the rest, once each', async () => {
    const source = directory(new Set(['ada', 'grace']));
    const users = cacheUserDirectory(source.users, cache<Recipient>());
    await users.findUser('ada');
    const found = await users.findUsers(['ada', 'grace', 'grace', 'nobody']);
    expect([...found.keys()].sort()).toEqual(['ada', 'grace']);
    expect(source.asked).toEqual([['ada'], ['grace', 'grace', 'nobody']]);
    await users.findUsers(['grace', 'nobody']);
    expect(source.asked.at(-1)).toEqual(['nobody']);
  });

  it('asks users once for a missing user that two concurrent batches want', async () => {
    const asked: string[][] = [];
    const answers: (() => void)[] = [];
    const slow: UserDirectory = {
      findUser: async () => undefined,
      findUsers: async (ids) => {
        asked.push([...ids]);
        await new Promise<void>((resolve) => answers.push(resolve));
        return new Map(ids.map((id) => [id.toLowerCase(), recipient(id.toLowerCase())]));
      },
    };
    const users = cacheUserDirectory(slow, cache<Recipient>());
    const first = users.findUsers(['ada', 'grace']);
    const second = users.findUsers(['GRACE', 'linus']);
    for (const answer of answers) answer();
    expect([...(await first).keys()]).toEqual(['ada', 'grace']);
    expect([...(await second).keys()]).toEqual(['grace', 'linus']);
    expect(asked).toEqual([['ada', 'grace'], ['linus']]);
  });

  it('does not remember a batch answer for a user changed while it was under way', async () => {
    const recipients = cache<Recipient>();
    let release: () => void = () => undefined;
    const slow: UserDirectory = {
      findUser: async () => undefined,
      findUsers: async (ids) => {
        await new Promise<void>((resolve) => (release = resolve));
        return new Map(ids.map((id) => [id, recipient(id)]));
      },
    };
    const pending = cacheUserDirectory(slow, recipients).findUsers(['ada', 'grace']);
    recipients.invalidate('ada');
    release();
    expect((await pending).size).toBe(2);
    expect(recipients.peek('ada', '')).toBeUndefined();
    expect(recipients.peek('grace', '')).toEqual(recipient('grace'));
  });
});

describe('cacheTemplateCatalog', () => {
  const summary = (locale: string | null): TemplateSummary => ({
    code: 'welcome',
    channel: 'EMAIL',
    version: 1,
    locale,
    variables: ['name'],
  });

  it('remembers per code and locale, forgets every locale of a changed code, and not a miss', async () => {
    const asked: (string | null)[] = [];
    const summaries = cache<TemplateSummary>();
    const catalog = cacheTemplateCatalog(
      {
        findTemplate: async (code, locale) => {
          asked.push(locale);
          return code === 'welcome' ? summary(locale) : undefined;
        },
      },
      summaries,
    );
    await catalog.findTemplate('welcome', 'en');
    await catalog.findTemplate('welcome', 'en');
    await catalog.findTemplate('welcome', null);
    expect(asked).toEqual(['en', null]);
    summaries.invalidate('welcome');
    await catalog.findTemplate('welcome', 'en');
    expect(asked).toEqual(['en', null, 'en']);
    await catalog.findTemplate('missing', 'en');
    await catalog.findTemplate('missing', 'en');
    expect(asked).toHaveLength(5);
  });
});
