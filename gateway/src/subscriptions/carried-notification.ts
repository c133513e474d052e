import {
  Kind,
  isObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { notificationSnapshotSchema, type NotificationSnapshot } from '@herald/contracts';

/**
 * The fields of a notification a status event carries (decision 0005), or, for the opening event
 * of a subscription, those the current-status read fetched: possibly fewer (an older schema).
 */
export type CarriedNotification = Partial<NotificationSnapshot>;

/** Marks an object whose fields are read by field name, not by response key (see responseKeyResolver). */
export const READ_BY_FIELD_NAME = Symbol('read by field name');

/** Entity keys a carried notification answers from its own fields: `user { id }`, `template { code }`. */
const ENTITY_KEYS = { user: ['userId', 'id'], template: ['templateCode', 'code'] } as const;
type EntityKeyField = (typeof ENTITY_KEYS)[keyof typeof ENTITY_KEYS][0];
const ENTITY_KEY_FIELDS: ReadonlySet<string> = new Set(Object.values(ENTITY_KEYS).map(([field]) => field));

/**
 * The notification as the GraphQL executor reads it, field by field, when `selection` asks only
 * for carried fields; undefined when it asks for more (`variables`, `events`, `user { email }`),
 * which only the federated query can answer.
 */
export function answerFromCarried(
  carried: CarriedNotification | undefined,
  selection: SelectionSetNode,
  info: GraphQLResolveInfo,
): Record<string | symbol, unknown> | undefined {
  if (!carried || !isAnsweredBy(carried, selection, info)) return undefined;
  return {
    ...carried,
    [READ_BY_FIELD_NAME]: true,
    user: { id: carried.userId, [READ_BY_FIELD_NAME]: true },
    template: { code: carried.templateCode, [READ_BY_FIELD_NAME]: true },
  };
}

function isAnsweredBy(carried: CarriedNotification, selection: SelectionSetNode, info: GraphQLResolveInfo) {
  return everyField(selection, info, (name, below) => {
    if (name === '__typename') return true;
    if (name in ENTITY_KEYS) {
      const [own, key] = ENTITY_KEYS[name as keyof typeof ENTITY_KEYS];
      return (
        carried[own] !== undefined &&
        below !== undefined &&
        everyField(
          below,
          info,
          (field, deeper) => deeper === undefined && (field === key || field === '__typename'),
        )
      );
    }
    return below === undefined && !ENTITY_KEY_FIELDS.has(name) && name in carried;
  });
}

/** Whether `accept` holds for each field of the selection, through fragments. */
function everyField(
  selection: SelectionSetNode,
  info: GraphQLResolveInfo,
  accept: (name: string, below: SelectionSetNode | undefined) => boolean,
  visited: Set<string> = new Set(),
): boolean {
  return selection.selections.every((node) => {
    switch (node.kind) {
      case Kind.FIELD:
        return accept(node.name.value, node.selectionSet);
      case Kind.INLINE_FRAGMENT:
        return everyField(node.selectionSet, info, accept, visited);
      case Kind.FRAGMENT_SPREAD: {
        const name = node.name.value;
        const fragment = info.fragments[name];
        if (!fragment) return false;
        if (visited.has(name)) return true;
        visited.add(name);
        return everyField(fragment.selectionSet, info, accept, visited);
      }
    }
  });
}

/** Scalars of the snapshot with the same name in GraphQL: every field but the entity keys. */
const SCALARS = Object.keys(notificationSnapshotSchema.shape).filter(
  (name): name is Exclude<keyof NotificationSnapshot, EntityKeyField> => !ENTITY_KEY_FIELDS.has(name),
);

/**
 * The current-status read of a subscription by id: besides what it needs itself, the carried
 * fields this schema's Notification has, so the opening event is answered like the others.
 */
export function currentNotificationQuery(schema: GraphQLSchema): string {
  const type = schema.getType('Notification');
  const fields = isObjectType(type) ? type.getFields() : {};
  const scalars = SCALARS.filter((name) => name in fields);
  const keys = [fields.user ? 'user { id }' : '', fields.template ? 'template { code }' : ''];
  return `query HeraldSubscriptionCurrent($id: ID!) {
    notification(id: $id) { ${[...new Set(['status', 'statusDetail', 'updatedAt', ...scalars])].join(' ')} ${keys.join(' ')} }
  }`;
}

/** The current-status read's answer as carried fields. */
export function carriedFromAnswer(answer: Record<string, unknown>): CarriedNotification {
  const carried: Record<string, unknown> = {};
  for (const name of SCALARS) if (name in answer) carried[name] = answer[name];
  const user = answer.user as { id?: string } | undefined;
  const template = answer.template as { code?: string } | undefined;
  if (user?.id !== undefined) carried.userId = user.id;
  if (template?.code !== undefined) carried.templateCode = template.code;
  return carried as CarriedNotification;
}
