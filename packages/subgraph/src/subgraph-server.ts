import { createServer } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express, { type Request } from 'express';
import type { DocumentNode } from 'graphql';
import { newCorrelationId, runWithContext, type Logger } from '@herald/logging';
import { fixedRoutes, httpServerSpan, timeHttpRequests, type MetricsRegistry } from '@herald/observability';
import { HEALTH_PATHS, closeServer, listen, type HealthHandler } from '@herald/lifecycle';
import { subgraphErrorFormatter } from './format-error';
import { CORRELATION_HEADER, IDENTITY_HEADER, INTERNAL_TOKEN_HEADER, decodeIdentity } from '@herald/identity';
import type { SubgraphContext, SubgraphResolvers } from './subgraph-context';

export interface SubgraphServerOptions {
  readonly typeDefs: DocumentNode;
  readonly resolvers: SubgraphResolvers;
  readonly internalToken: string;
  readonly health: HealthHandler;
  /** Receives the HTTP request latency histogram. */
  readonly metrics: MetricsRegistry;
  readonly log: Logger;
  readonly bodyLimit?: string;
}

export interface SubgraphServer {
  /** Starts Apollo and listens; resolves with the bound port (0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * A federation subgraph on Express: /graphql for the gateway only (it must present the
 * internal token; the forwarded identity is trusted only with it), plus /health, /ready
 * and /metrics.
 */
export function createSubgraphServer(options: SubgraphServerOptions): SubgraphServer {
  const app = express();
  const httpServer = createServer(app);
  const apollo = new ApolloServer<SubgraphContext>({
    schema: buildSubgraphSchema({
      typeDefs: options.typeDefs,
      resolvers: options.resolvers as GraphQLResolverMap<unknown>,
    }),
    formatError: subgraphErrorFormatter(options.log),
    logger: options.log,
    includeStacktraceInErrorResponses: false,
    // runService owns SIGTERM/SIGINT: it stops intake, drains and closes in order.
    stopOnTerminationSignals: false,
    // Inline tracing is for GraphOS usage reporting, which Herald does not use.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled()],
    // The gateway is the only client; it sends no CSRF-preflight headers of its own.
    csrfPrevention: false,
  });
  const tokenMatches = internalTokenMatcher(options.internalToken);
  const time = timeHttpRequests(options.metrics, fixedRoutes(['/graphql', ...HEALTH_PATHS]));

  app.use((req, res, next) => {
    time(req, res);
    next();
  });
  app.use((req, res, next) => {
    options.health(req, res).then((handled) => (handled ? undefined : next()), next);
  });
  app.use('/graphql', (req, res, next) => {
    if (!tokenMatches(req.header(INTERNAL_TOKEN_HEADER))) {
      res.status(401).json({
        errors: [
          {
            message: 'subgraphs accept calls only through the gateway',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      });
      return;
    }
    const correlationId = req.header(CORRELATION_HEADER) || newCorrelationId();
    res.locals.correlationId = correlationId;
    runWithContext({ correlation_id: correlationId }, () => httpServerSpan(req, res, next));
  });

  return {
    async listen(port, host = '0.0.0.0') {
      await apollo.start();
      app.use(
        '/graphql',
        express.json({ limit: options.bodyLimit ?? '1mb' }),
        expressMiddleware(apollo, {
          context: async ({ req, res }) => contextFor(req, res.locals.correlationId as string, options.log),
        }),
      );
      return listen(httpServer, port, host);
    },
    async close() {
      await apollo.stop();
      if (httpServer.listening) await closeServer(httpServer);
    },
  };
}

function contextFor(req: Request, correlationId: string, log: Logger): SubgraphContext {
  const identity = decodeIdentity(req.header(IDENTITY_HEADER));
  return {
    identity,
    correlationId,
    traceparent: req.header('traceparent'),
    log: log.child({ correlation_id: correlationId }),
  };
}

function internalTokenMatcher(expected: string): (token: string | undefined) => boolean {
  const expectedBuffer = Buffer.from(expected);
  return (token) => {
    const given = Buffer.from(token ?? '');
    return given.length === expectedBuffer.length && timingSafeEqual(given, expectedBuffer);
  };
}
