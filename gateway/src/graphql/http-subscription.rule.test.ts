import { buildSchema, parse, validate } from 'graphql';
import { httpSubscriptionRule } from './http-subscription.rule';

const schema = buildSchema(`
  type Query { status: String }
  type Subscription { statusChanged: String }
`);
const messages = (document: string) =>
  validate(schema, parse(document), [httpSubscriptionRule]).map((error) => error.message);

describe('httpSubscriptionRule', () => {
  it('refuses a subscription sent over HTTP, saying where subscriptions are served', () => {
    expect(messages('subscription { statusChanged }')).toEqual([
      'subscriptions are served over WebSocket (graphql-ws) on /graphql, not over HTTP',
    ]);
  });

  it('lets queries through', () => {
    expect(messages('{ status }')).toEqual([]);
  });
});
