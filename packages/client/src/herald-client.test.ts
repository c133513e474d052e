import { subscriptionUrlFor } from './herald-client.ts';

describe('subscriptionUrlFor', () => {
  it('subscribes on the GraphQL endpoint over ws: or wss:', () => {
    expect(subscriptionUrlFor('http://localhost:8000/graphql')).toBe('ws://localhost:8000/graphql');
    expect(subscriptionUrlFor('https://herald.example.com/graphql')).toBe('wss://herald.example.com/graphql');
  });

  it("resolves a relative endpoint against the page's address", () => {
    expect(subscriptionUrlFor('/graphql', 'https://herald.example.com/console/notifications')).toBe(
      'wss://herald.example.com/graphql',
    );
  });
});
