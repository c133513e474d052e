import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import { SETTLED_STATUSES, isSettled } from '@herald/contracts';
import { NOTIFICATION_STATUSES, canTransition, type NotificationStatus } from './notification-status';
import { BOUNDED_STATUSES } from './status-bounds';

describe('notification status lifecycle', () => {
  it.each<[NotificationStatus, NotificationStatus]>([
    ['ACCEPTED', 'QUEUED'],
    ['QUEUED', 'SENDING'],
    ['SENDING', 'DELIVERED'],
    ['SENDING', 'RETRYING'],
    ['RETRYING', 'SENDING'],
    ['ACCEPTED', 'SCHEDULED'],
    ['SCHEDULED', 'QUEUED'],
    ['SCHEDULED', 'CANCELLED'],
    ['SENDING', 'FAILED'],
    ['RETRYING', 'FAILED'],
    ['QUEUED', 'SKIPPED'],
    ['ACCEPTED', 'SKIPPED'],
  ])('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each<[NotificationStatus, NotificationStatus]>([
    ['QUEUED', 'DELIVERED'],
    ['QUEUED', 'ACCEPTED'],
    ['SENDING', 'SENDING'],
    ['SENDING', 'QUEUED'],
    ['RETRYING', 'DELIVERED'],
    ['ACCEPTED', 'CANCELLED'],
    ['QUEUED', 'CANCELLED'],
  ])('refuses %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('lets a worker start on a message whose QUEUED was not recorded yet', () => {
    expect(canTransition('ACCEPTED', 'SENDING')).toBe(true);
    // Released by the scheduler and published, the confirm not yet recorded.
    expect(canTransition('SCHEDULED', 'SENDING')).toBe(true);
  });

  it('never leaves a terminal status, except a delivered mail that bounces or draws a complaint', () => {
    for (const from of SETTLED_STATUSES) {
      for (const to of NOTIFICATION_STATUSES) {
        const feedback = from === 'DELIVERED' && (to === 'BOUNCED' || to === 'COMPLAINED');
        expect(canTransition(from, to)).toBe(feedback);
      }
    }
  });

  it('bounces or draws complaints only once delivered', () => {
    for (const from of NOTIFICATION_STATUSES.filter((status) => status !== 'DELIVERED')) {
      expect(canTransition(from, 'BOUNCED')).toBe(false);
      expect(canTransition(from, 'COMPLAINED')).toBe(false);
    }
  });

  it('treats delivered, failed, skipped, cancelled, bounced and complained as terminal, and nothing else', () => {
    expect(NOTIFICATION_STATUSES.filter(isSettled)).toEqual([
      'DELIVERED',
      'FAILED',
      'SKIPPED',
      'CANCELLED',
      'BOUNCED',
      'COMPLAINED',
    ]);
  });

  it('gives every status a time bound for the sweeper or a settled place, never both (0019)', () => {
    const bounded: readonly string[] = BOUNDED_STATUSES;
    expect(NOTIFICATION_STATUSES.filter((status) => bounded.includes(status) === isSettled(status))).toEqual(
      [],
    );
  });

  it('can fail or skip every unfinished notification', () => {
    for (const from of NOTIFICATION_STATUSES.filter((status) => !isSettled(status))) {
      expect(canTransition(from, 'FAILED')).toBe(true);
      expect(canTransition(from, 'SKIPPED')).toBe(true);
    }
  });
});

describe('the GraphQL NotificationStatus enum', () => {
  it('lists the contract statuses, in their order', () => {
    const sdl = readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
    const enumType = parse(sdl).definitions.find(
      (definition) =>
        definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'NotificationStatus',
    );
    const values =
      enumType?.kind === Kind.ENUM_TYPE_DEFINITION
        ? (enumType.values ?? []).map((value) => value.name.value)
        : [];
    expect(values).toEqual(NOTIFICATION_STATUSES);
  });
});
