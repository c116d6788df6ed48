import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { expressMiddleware } from '@as-integrations/express5';
import {
  IDENTITY_HEADER,
  PRINCIPAL_CHANGED_HEADER,
  REQUEST_ID_HEADER,
  EnvelopeError,
  ReplayGuard,
  Viewer,
  verifyEnvelope,
  type IRules,
} from '@controlplane/auth';
import { createShield } from '@controlplane/auth';
import express, { type Express, type Request, type Response, type NextFunction } from 'express';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import type { Logger } from 'pino';
import { createErrorFormatter } from './format-error';
import { requestLogPlugin } from './request-log';

export type SubgraphContext = { viewer: Viewer; logger: Logger };

export type SubgraphServerOptions<Context extends SubgraphContext> = {
  /** Also the audience the gateway signs for: identity, workspace or catalog. */
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<Context>;
  permissions: IRules;
  gatewaySecret: string;
  logger: Logger;
  /** Builds the per-request context (loaders, services) for a verified caller. */
  createContext: (base: SubgraphContext) => Context;
  /** Resolves when the service can serve (its database answers). */
  checkReady: () => Promise<void>;
  /** Extra routes (service-to-service endpoints), mounted behind the same signature check. */
  mountInternalRoutes?: (router: express.Router) => void;
  /** Request body limit; the gateway enforces the public one. */
  bodyLimit?: string;
  /** Benchmark-only (see BENCHMARK_SHIELD_OFF): serve without the shield to measure its cost. */
  withoutShield?: boolean;
};

export type SubgraphServer = {
  app: Express;
  schema: GraphQLSchema;
  apollo: ApolloServer<any>;
  stop(): Promise<void>;
};

/** Shield applied to a subgraph schema, with the federation reference resolvers preserved. */
export function buildProtectedSchema<Context>(options: {
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<Context>;
  permissions: IRules;
  withoutShield?: boolean;
}): GraphQLSchema {
  const schema = buildSubgraphSchema([
    { typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> },
  ]);
  return options.withoutShield === true ? schema : applyMiddleware(schema, createShield(options.permissions));
}

/** Tells the gateway when a request changed the caller's own memberships (PRINCIPAL_CHANGED_HEADER). */
function principalChangePlugin<Context extends SubgraphContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (contextValue.viewer.membershipsChanged)
            response.http.headers.set(PRINCIPAL_CHANGED_HEADER, '1');
        },
      };
    },
  };
}

/**
 * An Express app serving one subgraph: `/health`, `/ready`, and `/graphql` for requests that
 * carry the gateway's valid signature. Anything else gets 401 before GraphQL sees it.
 */
export async function createSubgraphServer<Context extends SubgraphContext>(
  options: SubgraphServerOptions<Context>,
): Promise<SubgraphServer> {
  const schema = buildProtectedSchema(options);
  const apollo = new ApolloServer<Context>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(options.logger),
    // No ftv1 traces, and no cache-control plugin: it wraps every field resolver, and no schema
    // uses @cacheControl (measured: bench/README.md).
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      requestLogPlugin<Context>(),
      principalChangePlugin<Context>(),
    ],
  });
  await apollo.start();

  const replayGuard = new ReplayGuard();
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await options.checkReady();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });

  const verifyGateway = async (req: Request, res: Response, next: NextFunction) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    try {
      const claims = await verifyEnvelope({
        token: req.header(IDENTITY_HEADER),
        secret: options.gatewaySecret,
        audience: options.name,
        body: raw,
        replayGuard,
      });
      res.locals.viewer = new Viewer(claims.principal, claims.requestId);
      req.body = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
      next();
    } catch (error) {
      const reason = error instanceof EnvelopeError ? error.message : 'unreadable request';
      options.logger.warn(
        { reason, requestId: req.header(REQUEST_ID_HEADER) },
        'refused a request without a valid gateway signature',
      );
      res.status(401).json({
        errors: [
          { message: 'Requests must come through the gateway.', extensions: { code: 'UNAUTHENTICATED' } },
        ],
      });
    }
  };
  const rawBody = express.raw({ type: () => true, limit: options.bodyLimit ?? '2mb' });

  if (options.mountInternalRoutes !== undefined) {
    const internal = express.Router();
    internal.use(rawBody, verifyGateway);
    options.mountInternalRoutes(internal);
    app.use('/internal', internal);
  }

  app.post(
    '/graphql',
    rawBody,
    verifyGateway,
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const viewer = res.locals.viewer as Viewer;
        const logger = options.logger.child({ requestId: viewer.requestId });
        return options.createContext({ viewer, logger });
      },
    }),
  );
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });

  return { app, schema, apollo, stop: () => apollo.stop() };
}

/**
 * Listens with keep-alive above the gateway's idle socket timeout, so the gateway never reuses a
 * socket that the subgraph is closing.
 */
export function listen(app: Express, port: number, host = '0.0.0.0'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => {
      if (error) reject(error);
      else resolve(server);
    });
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  });
}

/** A built subgraph: its Express app (not yet listening) and how to release its resources. */
export type SubgraphHandle = {
  app: Express;
  /** Calls `listener` for every SQL statement this service sends; returns the unsubscribe. */
  onStatement(listener: () => void): () => void;
  /** Delivers this service's outbox now (audit events, integration events). */
  flushOutbox?(): Promise<number>;
  close(): Promise<void>;
};
