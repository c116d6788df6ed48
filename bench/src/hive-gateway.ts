import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import {
  ANONYMOUS,
  createEnvelopeSigner,
  IDENTITY_HEADER,
  REQUEST_ID_HEADER,
  signEnvelope,
  type Principal,
} from '@controlplane/auth';
import { signingKey } from '@controlplane/config';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';
import { GraphQLError } from 'graphql';
import { ROOT } from './env';

/**
 * Hive Gateway serving the committed supergraph (apps/gateway/supergraph.graphql) against the
 * same subgraphs, made to behave like apps/gateway where it matters for a fair comparison:
 *  - the bearer credential is exchanged once per request at identity's POST /internal/principal
 *    (signed with audience 'identity' and the anonymous principal), as apps/gateway/src/authenticate.ts;
 *  - every subgraph request is signed over its final body (fetch hook), as signed-data-source.ts;
 *  - the same graphql-armor limits as apps/gateway/src/limits.ts.
 * Benchmark-only; not a deployment option.
 */
/** Signs as the gateway, with the gateway's key (SIGNING_KEY): the subgraphs trust only that caller on /graphql. */
const signer = createEnvelopeSigner('gateway', signingKey.parse(required('SIGNING_KEY')));
const subgraphUrls: Record<string, string> = {
  identity: required('IDENTITY_URL'),
  workspace: required('WORKSPACE_URL'),
  catalog: required('CATALOG_URL'),
};
const port = Number(process.env.HIVE_PORT ?? '5100');
const principalEndpoint = new URL('/internal/principal', subgraphUrls.identity).toString();
const BEARER = /^Bearer\s+(\S+)$/i;
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
}

/** The committed supergraph with the subgraph URLs pointed at this run's subgraphs (what apps/gateway's buildService does). */
function supergraph(): string {
  let sdl = readFileSync(join(ROOT, 'apps', 'gateway', 'supergraph.graphql'), 'utf8');
  for (const [name, target] of Object.entries(subgraphUrls)) {
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1${target}$2`);
  }
  return sdl;
}

/** The headers apps/gateway sends with `body` to a subgraph route: the request id and the envelope over that body. */
async function signed(call: Omit<Parameters<typeof signEnvelope>[0], 'signer' | 'method'>) {
  return {
    [IDENTITY_HEADER]: await signEnvelope({ ...call, signer, method: 'POST' }),
    [REQUEST_ID_HEADER]: call.requestId,
  };
}

async function authenticate(authorization: string | undefined, requestId: string): Promise<Principal> {
  if (authorization === undefined || authorization.trim() === '') return ANONYMOUS;
  const credential = BEARER.exec(authorization.trim())?.[1];
  if (credential === undefined)
    throw new GraphQLError('Send credentials as "Authorization: Bearer <token>".', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  const body = JSON.stringify({ credential });
  const response = await fetch(principalEndpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(await signed({
        audience: 'identity',
        principal: ANONYMOUS,
        requestId,
        path: '/internal/principal',
        body,
      })),
    },
    body,
  });
  if (response.status === 401 || response.status === 400) {
    await response.arrayBuffer();
    throw new GraphQLError('The token is invalid or has expired.', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  if (!response.ok)
    throw new GraphQLError('Authentication is unavailable; try again shortly.', {
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  return ((await response.json()) as { principal: Principal }).principal;
}

type SigningContext = { principal?: Principal; requestId?: string };

/** Which subgraph a fetch goes to, by URL (the audience of its envelope). */
const audienceByUrl = new Map(Object.entries(subgraphUrls).map(([name, target]) => [target, name]));

function useControlPlaneIdentity(): GatewayPlugin<SigningContext> {
  return {
    async onContextBuilding({ context, extendContext }) {
      const incoming = context.request.headers.get(REQUEST_ID_HEADER);
      const requestId = incoming !== null && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
      const principal = await authenticate(
        context.request.headers.get('authorization') ?? undefined,
        requestId,
      );
      extendContext({ principal, requestId });
    },
    async onFetch({ url: target, options, setOptions, context }) {
      const audience = audienceByUrl.get(target);
      if (audience === undefined) return;
      const signing = context as SigningContext;
      setOptions({
        ...options,
        headers: {
          ...(options.headers as Record<string, string>),
          ...(await signed({
            audience,
            principal: signing.principal ?? ANONYMOUS,
            requestId: signing.requestId ?? 'none',
            path: new URL(target).pathname,
            body: typeof options.body === 'string' ? options.body : '',
          })),
        },
      });
    },
  };
}

/**
 * The limits of apps/gateway/src/limits.ts, as far as armor's Envelop plugins express them: the
 * gateway's own page-size-aware cost rule (query-cost.ts) has no Hive plugin, so armor's cost
 * limit stands in for it (a similar amount of work per operation: one validation pass).
 */
const armor = new EnvelopArmor({
  maxDepth: { n: 12, exposeLimits: false, flattenFragments: true },
  maxAliases: { n: 15, allowList: [], exposeLimits: false },
  maxDirectives: { n: 20, exposeLimits: false },
  maxTokens: { n: 2000, exposeLimits: false },
  costLimit: { maxCost: 20_000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, exposeLimits: false },
  blockFieldSuggestion: { enabled: true },
});

const gateway = createGatewayRuntime<SigningContext>({
  supergraph,
  logging: 'warn',
  graphiql: false,
  landingPage: false,
  plugins: () => [...(armor.protect().plugins as GatewayPlugin[]), useControlPlaneIdentity()],
});

const server = createServer(gateway);
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1');
const shutdown = () => {
  server.close();
  void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
