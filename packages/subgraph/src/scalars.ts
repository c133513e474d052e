import { DateTimeResolver, JSONResolver } from 'graphql-scalars';

/** Resolvers for the scalars every subgraph declares: `scalar DateTime`, `scalar JSON`. */
export const scalarResolvers = { DateTime: DateTimeResolver, JSON: JSONResolver };
