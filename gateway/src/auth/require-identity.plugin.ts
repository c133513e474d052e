import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../graphql/gateway-context';

const MISSING_CREDENTIAL_MESSAGE =
  'this operation needs a credential: send Authorization: Bearer <api key> or X-API-Key: <api key>';

/** Mutations need an identity; queries pass anonymously (the subgraphs decide what they show). */
export function requireIdentityForMutations(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation' || contextValue.identity) return;
          throw new GraphQLError(MISSING_CREDENTIAL_MESSAGE, {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        },
      };
    },
  };
}
