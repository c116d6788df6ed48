import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { createEnvelopeSigner, REQUEST_ID_HEADER } from '@controlplane/auth';
import { createErrorFormatter, requestLogPlugin } from '@controlplane/graphql-kit';
import { createServiceCaller } from '@controlplane/internal-api';
import { createLogger, type Logger } from '@controlplane/runtime';
import cors from 'cors';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { createAuthenticator } from './authenticate';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { createConsoleRouter } from './console';
import { createGraphiqlRouter } from './graphiql';
import { refuseDirectiveOverloading } from './directive-screen';
import { createOperationLimits, hideParserLimit, MAX_DIRECTIVES, MAX_TOKENS } from './limits';
import { assignRequestId, requestIdsOf } from './request-id';
import { RequestPrincipal } from './request-principal';
import { createResultStringifier } from './response-size';
import { SignedDataSource } from './signed-data-source';
import { createSubgraphFetch } from './subgraph-client';
import { openRateLimitStore } from './rate-limit-store';
import { createRateLimiter, isUnauthenticated, RATE_LIMIT_HEADERS, rateLimitPlugin } from './rate-limits';
import { DEFAULT_MANIFESTS, loadTrustedDocuments, screenTrustedDocuments } from './trusted-documents';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';

export const DEFAULT_SUPERGRAPH_PATH = join(__dirname, '..', 'supergraph.graphql');

export type GatewayHandle = { app: Express; close(): Promise<void> };

/** The gateway app: CORS, limits, authentication, GraphiQL, and the federated /graphql endpoint. */
export async function createGateway(config: GatewayConfig, logger?: Logger): Promise<GatewayHandle> {
  const log = logger ?? createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const subgraphUrls: Record<string, string> = {
    identity: config.IDENTITY_URL,
    workspace: config.WORKSPACE_URL,
    catalog: config.CATALOG_URL,
  };
  const client = createSubgraphFetch({
    keepAliveMs: config.SUBGRAPH_KEEP_ALIVE_MS,
    timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
  });
  const signer = createEnvelopeSigner('gateway', config.SIGNING_KEY);
  const authenticate = createAuthenticator(
    createServiceCaller({
      signer,
      peers: { identity: config.IDENTITY_URL },
      fetch: client.fetch,
    }),
  );

  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.SUPERGRAPH_PATH ?? DEFAULT_SUPERGRAPH_PATH, 'utf8'),
    logger: log,
    buildService: ({ name, url }) =>
      new SignedDataSource({
        name,
        url: subgraphUrls[name] ?? url ?? '',
        signer,
        fetch: client.fetch,
      }),
  });
  const limits = createOperationLimits();
  const trustedDocuments = loadTrustedDocuments(
    config.TRUSTED_DOCUMENTS_MANIFESTS?.split(',').map((path) => path.trim()) ?? DEFAULT_MANIFESTS,
  );
  const rateLimitStore = await openRateLimitStore({
    redisUrl: config.REDIS_URL,
    databaseUrl: config.RATE_LIMIT_DATABASE_URL,
    keyPrefix: config.RATE_LIMIT_KEY_PREFIX,
  });
  const rateLimiter =
    config.RATE_LIMITS === 'on'
      ? createRateLimiter(
          {
            anonymous: config.RATE_LIMIT_ANONYMOUS,
            user: config.RATE_LIMIT_USER,
            apiKey: config.RATE_LIMIT_API_KEY,
            mutations: config.RATE_LIMIT_MUTATIONS,
            auth: config.RATE_LIMIT_AUTH,
          },
          rateLimitStore,
        )
      : undefined;
  await rateLimitStore.ready();
  const formatError = createErrorFormatter(log);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.NODE_ENV !== 'production',
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: MAX_TOKENS },
    // Automatic persisted queries, in a bounded cache; `required` and `off` take none (trusted-documents.ts).
    persistedQueries:
      config.TRUSTED_DOCUMENTS === 'partial'
        ? {
            cache: new InMemoryLRUCache<string>({ maxSize: config.APQ_CACHE_MAX_BYTES }),
            ttl: config.APQ_TTL_SECONDS,
          }
        : false,
    stringifyResult: createResultStringifier({ maxBytes: config.MAX_RESPONSE_BYTES, logger: log }),
    formatError: (formatted, error) => {
      const answer = formatError(formatted, error);
      return { ...answer, message: hideParserLimit(answer.message) };
    },
    validationRules: limits.validationRules,
    plugins: [
      ...limits.plugins,
      ...(rateLimiter === undefined ? [] : [rateLimitPlugin<GatewayContext>(rateLimiter)]),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      requestLogPlugin<GatewayContext>(),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // req.ip: the TCP peer, or the client a trusted proxy names in X-Forwarded-For.
  app.set('trust proxy', config.TRUSTED_PROXIES ?? false);
  app.use(assignRequestId);
  app.use(
    cors({
      origin: config.CORS_ORIGINS,
      allowedHeaders: ['content-type', 'authorization', REQUEST_ID_HEADER, 'apollo-require-preflight'],
      exposedHeaders: [REQUEST_ID_HEADER, ...RATE_LIMIT_HEADERS],
      maxAge: 600,
    }),
  );
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(subgraphUrls).map(async ([name, url]) => {
        try {
          const response = await client.fetch(new URL('/ready', url).toString(), { method: 'GET' });
          await response.arrayBuffer();
          return [name, response.ok ? 'ready' : 'unavailable'] as const;
        } catch {
          return [name, 'unavailable'] as const;
        }
      }),
    );
    const ready = checks.every(([, status]) => status === 'ready');
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'degraded', subgraphs: Object.fromEntries(checks) });
  });
  if (config.GRAPHIQL_ENABLED) app.use(createGraphiqlRouter());
  app.post(
    '/graphql',
    express.json({ limit: config.MAX_BODY_BYTES }),
    screenTrustedDocuments({ mode: config.TRUSTED_DOCUMENTS, documents: trustedDocuments }),
    refuseDirectiveOverloading({ maxDirectives: MAX_DIRECTIVES, maxTokens: MAX_TOKENS }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const { requestId, clientRequestId } = requestIdsOf(res.locals);
        const clientIp = req.ip ?? req.socket.remoteAddress ?? 'unknown';
        const principal = await authenticate(req.header('authorization'), requestId).catch(
          async (error: unknown) => {
            // A refused token or API key is a guess like a wrong password: it spends the IP's logIn budget.
            if (rateLimiter !== undefined && isUnauthenticated(error))
              await rateLimiter.chargeRefusedCredential(clientIp);
            throw error;
          },
        );
        const caller = new RequestPrincipal(principal, () =>
          authenticate(req.header('authorization'), requestId),
        );
        return {
          principal,
          caller,
          requestId,
          clientIp,
          logger: log.child({ requestId, clientRequestId, principal: principal.kind }),
        };
      },
    }),
  );
  const consoleRouter = createConsoleRouter(config.CONSOLE_DIR);
  if (consoleRouter !== undefined) app.use(consoleRouter);
  app.use(bodyErrorHandler);

  return {
    app,
    async close() {
      await apollo.stop();
      await client.close();
      await rateLimitStore.close();
    },
  };
}

/** Malformed or oversized bodies get a GraphQL-shaped answer that does not reveal the limit. */
const bodyErrorHandler: ErrorRequestHandler = (
  error: { type?: string; status?: number },
  _req,
  res,
  next,
) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const tooLarge = error.type === 'entity.too.large';
  res.status(tooLarge ? 413 : 400).json({
    errors: [
      {
        message: tooLarge ? 'The request body is too large.' : 'The request body is not valid JSON.',
        extensions: { code: 'BAD_REQUEST' },
      },
    ],
  });
};

export { loadGatewayConfig } from './config';
export type { GatewayConfig } from './config';
