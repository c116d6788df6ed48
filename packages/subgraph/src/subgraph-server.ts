import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { expressMiddleware } from '@as-integrations/express5';
import {
  PRINCIPAL_CHANGED_HEADER,
  type EnvelopeId,
  type IRules,
  type TrustedCallers,
  type Viewer,
} from '@controlplane/auth';
import { buildProtectedSchema, createErrorFormatter, requestLogPlugin } from '@controlplane/graphql-kit';
import type { InternalRoute } from '@controlplane/internal-api';
import express, { type Express } from 'express';
import { GraphQLError, type DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import { createInternalRouter } from './internal-router';
import type { ReplayStore } from './replay-store';
import { envelopeOf, verifiedCallOf, verifyCalls } from './verified-call';

/** What every subgraph context holds: the caller of the request and a logger naming the request. */
export type SubgraphContext = { viewer: Viewer; logger: Logger };

export type SubgraphServerOptions<Context extends SubgraphContext> = {
  /** Also the audience callers sign for: identity, workspace or catalog. */
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<Context>;
  permissions: IRules;
  /** The public keys of the callers it accepts, current and previous (trustCallers). */
  trusted: TrustedCallers;
  /** Where envelopes of mutations and state-changing internal calls are claimed (shared by replicas). */
  replayStore: ReplayStore;
  logger: Logger;
  /** Builds the per-request context (loaders, services) for a verified caller. */
  createContext: (base: SubgraphContext) => Context;
  /** Resolves when the service can serve (its database answers). */
  checkReady: () => Promise<void>;
  /** Service-to-service endpoints, mounted under /internal behind the same signature check. */
  internalRoutes: readonly InternalRoute[];
  /** Request body limit; the gateway enforces the public one. */
  bodyLimit?: string;
  /** Benchmark-only (see BENCHMARK_SHIELD_OFF): serve without the shield to measure its cost. */
  withoutShield?: boolean;
};

export type SubgraphServer = { app: Express; stop(): Promise<void> };

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
 * Claims the envelope of every mutation in the replicas' shared ReplayStore before it runs: a
 * captured mutation is refused (401) by every replica, before and after restarts. Queries are
 * checked only in the serving replica's memory (README, Security: what a replayed query can do).
 */
function replayedMutationPlugin<Context extends SubgraphContext>(
  replayStore: ReplayStore,
  envelopes: WeakMap<Viewer, EnvelopeId>,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const envelope = envelopes.get(contextValue.viewer);
          if (envelope === undefined) throw new Error('a mutation without a verified envelope');
          if (!(await replayStore.claim(envelope))) {
            throw new GraphQLError('Requests must come through the gateway.', {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
        },
      };
    },
  };
}

/**
 * An Express app serving one subgraph: `/health`, `/ready`, `/graphql` for the gateway and
 * `/internal/*` for the services its routes accept. A request without a valid signature gets 401
 * before anything else sees it; GraphQL from any caller but the gateway gets 403.
 */
export async function createSubgraphServer<Context extends SubgraphContext>(
  options: SubgraphServerOptions<Context>,
): Promise<SubgraphServer> {
  // The envelope each request's Viewer came with, for the mutation claim. Keyed by the Viewer (made
  // per request by verifyCalls) because Apollo hands plugins a shallow copy of the context.
  const envelopes = new WeakMap<Viewer, EnvelopeId>();
  const apollo = new ApolloServer<Context>({
    schema: buildProtectedSchema(options),
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(options.logger),
    // No ftv1 traces, and no cache-control plugin: it wraps every field resolver, and no schema
    // uses @cacheControl (measured: bench/README.md).
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      requestLogPlugin<Context>(),
      principalChangePlugin<Context>(),
      replayedMutationPlugin<Context>(options.replayStore, envelopes),
    ],
  });
  await apollo.start();

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

  const rawBody = express.raw({ type: () => true, limit: options.bodyLimit ?? '2mb' });
  const strictPaths = new Set<string>(
    options.internalRoutes
      .filter((route) => route.endpoint.readOnly !== true)
      .map((route) => route.endpoint.path),
  );
  const verified = verifyCalls({
    audience: options.name,
    trusted: options.trusted,
    logger: options.logger,
    replayStore: options.replayStore,
    // Internal calls that change state claim here; GraphQL mutations claim in replayedMutationPlugin.
    claimsStrictly: (req) => strictPaths.has(`${req.baseUrl}${req.path}`),
  });
  app.use(
    '/internal',
    rawBody,
    verified,
    createInternalRouter({ service: options.name, routes: options.internalRoutes, logger: options.logger }),
  );
  app.post(
    '/graphql',
    rawBody,
    verified,
    (req, res, next) => {
      if (verifiedCallOf(req).caller === 'gateway') next();
      else
        res.status(403).json({
          errors: [{ message: 'GraphQL is served to the gateway only.', extensions: { code: 'FORBIDDEN' } }],
        });
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const { viewer } = verifiedCallOf(req);
        envelopes.set(viewer, envelopeOf(req));
        return options.createContext({
          viewer,
          logger: options.logger.child({ requestId: viewer.requestId }),
        });
      },
    }),
  );
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });

  return { app, stop: () => apollo.stop() };
}
