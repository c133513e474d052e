import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * @apollo/gateway cannot execute a subscription: over HTTP it would fail inside the plan as an
 * internal error (500). Refused here instead, as the caller's mistake, naming where they are served.
 */
export const httpSubscriptionRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== 'subscription') return;
    context.reportError(
      new GraphQLError('subscriptions are served over WebSocket (graphql-ws) on /graphql, not over HTTP', {
        nodes: [node],
      }),
    );
  },
});
