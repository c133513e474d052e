import {
  GraphQLError,
  buildSchema,
  defaultFieldResolver,
  isObjectType,
  print,
  printSchema,
  visit,
  type DefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { StatusEvent } from '@herald/contracts';
import type { GatewayContext } from '../graphql/gateway-context';
import { READ_BY_FIELD_NAME, answerFromCarried, type CarriedNotification } from './carried-notification';

/** Runs a query through the gateway's own federated execution, as the subscriber. */
export type RunQuery = (
  query: string,
  variables: Record<string, unknown>,
  context: GatewayContext,
) => Promise<{
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}>;

/** What a subscription yields: a status event of the contract, or the opening current status. */
export type EventSource = Readonly<Pick<StatusEvent, 'notificationId' | 'status' | 'at'>> & {
  readonly detail: string | null;
  /** Null for the opening current status, which no event of the timeline is. */
  readonly sequence: number | null;
  /** The notification as the change left it, when the event carries it. */
  readonly notification?: CarriedNotification;
};

export function buildSubscriptionSchema(
  apiSchema: GraphQLSchema,
  subscribe: GraphQLFieldResolver<unknown, GatewayContext>,
  runQuery: RunQuery,
): GraphQLSchema {
  // A copy, so the resolvers set below never touch the types Apollo's gateway executes with.
  // The notifications subgraph declares the subscription (docs/architecture.md, The public API),
  // and the supergraph carries it; @apollo/gateway cannot execute subscriptions, so the gateway
  // serves it here.
  const schema = buildSchema(printSchema(apiSchema));
  const root = schema.getSubscriptionType();
  const eventType = schema.getType('NotificationStatusEvent');
  const changed = root?.getFields().notificationStatusChanged;
  if (!changed || !isObjectType(eventType)) {
    throw new Error('the supergraph declares no notificationStatusChanged subscription');
  }
  changed.subscribe = subscribe;
  changed.resolve = (event: unknown) => event;
  for (const field of Object.values(eventType.getFields())) field.resolve = defaultFieldResolver;
  const notification = eventType.getFields().notification;
  if (notification) {
    notification.resolve = async (event: EventSource, _args, context: GatewayContext, info) => {
      const selection = info.fieldNodes[0]?.selectionSet;
      if (!selection) throw new GraphQLError('notification needs a selection');
      // Answered from the event when it carries every field asked for: no query per event and subscriber.
      return (
        answerFromCarried(event.notification, selection, info) ??
        resolveNotification(event.notificationId, selection, info, context, runQuery)
      );
    };
  }
  return schema;
}

/**
 * Below `notification`, values are the federated query's answer, keyed by response name (alias),
 * so every field without its own resolver reads its response key; a notification answered from
 * the event is read by field name.
 */
export const responseKeyResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
  if (
    source !== null &&
    typeof source === 'object' &&
    !(READ_BY_FIELD_NAME in source) &&
    info.path.key in source
  ) {
    return (source as Record<string, unknown>)[String(info.path.key)];
  }
  return defaultFieldResolver(source, args, context, info);
};

const ID_VARIABLE = 'heraldNotificationId';

async function resolveNotification(
  notificationId: string,
  selection: SelectionSetNode,
  info: GraphQLResolveInfo,
  context: GatewayContext,
  runQuery: RunQuery,
): Promise<unknown> {
  const fragments = usedFragments(selection, info);
  const variables = usedVariables([selection, ...fragments]);
  const definitions = (info.operation.variableDefinitions ?? []).filter((definition) =>
    variables.has(definition.variable.name.value),
  );
  const declared = [`$${ID_VARIABLE}: ID!`, ...definitions.map((definition) => print(definition))].join(', ');
  const query = [
    `query HeraldSubscriptionNotification(${declared}) { notification(id: $${ID_VARIABLE}) ${print(selection)} }`,
    ...fragments.map((fragment) => print(fragment)),
  ].join('\n');
  const values: Record<string, unknown> = { [ID_VARIABLE]: notificationId };
  for (const name of variables) values[name] = info.variableValues[name];
  const { data, errors } = await runQuery(query, values, context);
  const first = errors?.[0];
  if (first) throw new GraphQLError(first.message, { extensions: first.extensions });
  const found = data?.notification;
  if (found === null || found === undefined) {
    throw new GraphQLError(`notification ${notificationId} not found`, { extensions: { code: 'NOT_FOUND' } });
  }
  return found;
}

function usedFragments(selection: DefinitionNode | object, info: GraphQLResolveInfo) {
  const names = new Set<string>();
  const pending = [selection];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node) break;
    visit(node as DefinitionNode, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = info.fragments[name];
        if (!names.has(name) && fragment) {
          names.add(name);
          pending.push(fragment);
        }
      },
    });
  }
  return [...names].flatMap((name) => (info.fragments[name] ? [info.fragments[name]] : []));
}

function usedVariables(nodes: readonly object[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) {
    visit(node as DefinitionNode, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  }
  return names;
}
