import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ANONYMOUS,
  callerOf,
  createEnvelopeSigner,
  type EnvelopeSigner,
  type Principal,
  type ServiceName,
} from '@controlplane/auth';
import { serviceDatabaseUrl } from '@controlplane/db';
import { createCatalogSubgraph, loadCatalogConfig, type CatalogHandle } from '@controlplane/catalog';
import { createGateway, loadGatewayConfig } from '@controlplane/gateway';
import {
  generateLocalSigningKeys,
  localSigningEnvironment,
  signingKey,
  type SigningCaller,
} from '@controlplane/config';
import { listen } from '@controlplane/runtime';
import type { SubgraphHandle } from '@controlplane/subgraph';
import { createIdentitySubgraph, loadIdentityConfig } from '@controlplane/identity';
import { createWorkspaceSubgraph, loadWorkspaceConfig, type WorkspaceHandle } from '@controlplane/workspace';
import express from 'express';
import { bearerOf, createClient, type Credential, type GraphQLClient } from './client';
import { testDatabaseUrl } from './database';
import { createServiceClient, type ServiceClient } from './service';

export const SUBGRAPH_NAMES = ['identity', 'workspace', 'catalog'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export type Stack = {
  gatewayUrl: string;
  /**
   * The PostgreSQL database the subgraphs use, as its owner (the role that migrated it);
   * undefined on embedded databases.
   */
  databaseUrl: string | undefined;
  /** The URL each subgraph connects with: its own service role (`migrateDatabase`); undefined on embedded databases. */
  serviceDatabaseUrls: Record<SubgraphName, string> | undefined;
  /** A client of the gateway that sends `credential`: a user, an API key, or a raw bearer credential. */
  as(credential: Credential): GraphQLClient;
  /** A client of the gateway that sends no credential. */
  anonymous: GraphQLClient;
  /**
   * A caller of one subgraph that signs as the caller of `principal` (anonymous unless given) would:
   * the gateway for end users, a service for its own principal; `signedBy` signs with another
   * caller's key instead (a forgery). To reach what the gateway never exposes (`_entities`,
   * internal routes).
   */
  asService(name: SubgraphName, principal?: Principal, options?: { signedBy?: ServiceName }): ServiceClient;
  /** The principal the gateway would sign for `credential`, asked of identity as the gateway asks. */
  principalOf(credential: Credential): Promise<Principal>;
  subgraphUrls: Record<SubgraphName, string>;
  /** Each caller's signing key as the stack gave it (tests that play a caller, or start a replica). */
  signers: Record<ServiceName, EnvelopeSigner>;
  /**
   * The signing environment of one service as the stack configured it: its own SIGNING_KEY and
   * every caller's public key (to start another replica of it).
   */
  signingEnvironmentOf(service: ServiceName): Record<string, string>;
  /** The secret identity signs bearer tokens with, for tests of expired or forged tokens. */
  jwtSecret: string;
  /** POSTs received by each subgraph's /graphql since the last reset. */
  subgraphRequests: Record<SubgraphName, number>;
  /**
   * SQL statements each subgraph sent while serving requests that carry `requestId` (the
   * gateway's `x-request-id`): background work (audit relays, reconcilers) and other requests
   * never count, so counts are exact on a loaded machine.
   */
  sqlStatementsOf(requestId: string): Record<SubgraphName, number>;
  /** Runs the catalog's clone reconciler now. */
  reconcileClones(): Promise<number>;
  /** Resolves once the workspace has no runnable deployment and none running. */
  drainDeployments(): Promise<void>;
  /**
   * Designs the workspace evaluated against their policies afresh, and answered from its
   * evaluation cache, since the stack started.
   */
  complianceStats(): { evaluated: number; reused: number };
  /** Delivers every subgraph's pending audit events to the audit trail now. */
  flushOutboxes(): Promise<void>;
  /** Stops one subgraph's HTTP listener (its port then refuses connections), to test partial failure. */
  stopSubgraph(name: SubgraphName): void;
  resetCounters(): void;
  close(): Promise<void>;
};

export type StackOptions = {
  /** PostgreSQL URL; `null` runs every subgraph on its own embedded database under `dataDir`. */
  databaseUrl?: string | null;
  dataDir?: string;
  env?: Record<string, string>;
  /** Settings for one service only, over `env` and the peer URLs (to cut one service off another, say). */
  serviceEnv?: Partial<Record<SubgraphName | 'gateway', Record<string, string>>>;
};

async function listenOnFreePort(app: express.Express): Promise<{ server: Server; url: string }> {
  const server = await listen(app, 0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

/**
 * The real stack in this process: three subgraphs and the gateway, each on its own port and
 * talking real HTTP, against the test PostgreSQL database (or embedded PGlite).
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  // One key pair per caller, as in production: each service signs with its own key only.
  const signingEnvironment = localSigningEnvironment(generateLocalSigningKeys());
  const jwtSecret = randomBytes(32).toString('base64url');
  const databaseUrl = options.databaseUrl === null ? undefined : (options.databaseUrl ?? testDatabaseUrl());
  const base: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: jwtSecret,
    CREDENTIALS_KEY: randomBytes(32).toString('base64'),
    DATABASE_POOL_SIZE: '4',
    // Relays are woken after each commit; the timer only retries, and would add stray statements to counts.
    OUTBOX_RELAY_INTERVAL_MS: '60000',
    ...(options.dataDir === undefined ? {} : { DATA_DIR: options.dataDir }),
    ...options.env,
  };
  const counts = { identity: 0, workspace: 0, catalog: 0 } as Record<SubgraphName, number>;
  // Which request each subgraph is serving, so a statement is charged to the request that sent it.
  const servingRequest = new AsyncLocalStorage<string>();
  const statementsByRequest = new Map<string, Record<SubgraphName, number>>();
  const handles: SubgraphHandle[] = [];
  const handleByName = {} as Record<SubgraphName, SubgraphHandle>;
  let catalogHandle: CatalogHandle | undefined;
  let workspaceHandle: WorkspaceHandle | undefined;
  const servers: Server[] = [];
  const serverByName = {} as Record<SubgraphName, Server>;
  const urls = {} as Record<SubgraphName, string>;

  // Every subgraph listens first (answering 503 until built), so each can be told every other's URL.
  const built = {} as Record<SubgraphName, express.Express | undefined>;
  for (const name of SUBGRAPH_NAMES) {
    const counted = express();
    counted.use((req, res, next) => {
      if (req.method === 'POST' && req.path === '/graphql') counts[name] += 1;
      const app = built[name];
      if (app === undefined) {
        res.status(503).json({ error: 'starting' });
        return;
      }
      const requestId = req.header('x-request-id');
      if (requestId === undefined) app(req, res, next);
      else servingRequest.run(requestId, () => app(req, res, next));
    });
    const { server, url } = await listenOnFreePort(counted);
    servers.push(server);
    serverByName[name] = server;
    urls[name] = `${url}/graphql`;
  }
  const peers = { IDENTITY_URL: urls.identity, WORKSPACE_URL: urls.workspace, CATALOG_URL: urls.catalog };
  // Each service runs as its own role, as in production: the database was migrated by its owner.
  const serviceDatabaseUrls =
    databaseUrl === undefined
      ? undefined
      : (Object.fromEntries(
          SUBGRAPH_NAMES.map((name) => [name, serviceDatabaseUrl(databaseUrl, name)]),
        ) as Record<SubgraphName, string>);
  /** One subgraph's environment: the shared settings, its own key and role, the peers, then its own overrides. */
  const envOf = (name: SubgraphName) => ({
    ...base,
    ...signingEnvironment[name],
    ...(serviceDatabaseUrls === undefined ? {} : { DATABASE_URL: serviceDatabaseUrls[name] }),
    ...peers,
    ...options.serviceEnv?.[name],
  });
  const builders: Record<SubgraphName, () => Promise<SubgraphHandle>> = {
    identity: () => createIdentitySubgraph(loadIdentityConfig(envOf('identity'))),
    workspace: async () => {
      workspaceHandle = await createWorkspaceSubgraph(loadWorkspaceConfig(envOf('workspace')));
      return workspaceHandle;
    },
    catalog: async () => {
      catalogHandle = await createCatalogSubgraph(loadCatalogConfig(envOf('catalog')));
      return catalogHandle;
    },
  };
  for (const name of SUBGRAPH_NAMES) {
    const handle = await builders[name]();
    handles.push(handle);
    handleByName[name] = handle;
    handle.onStatement(() => {
      const requestId = servingRequest.getStore();
      if (requestId === undefined) return;
      const byName = statementsByRequest.get(requestId) ?? { identity: 0, workspace: 0, catalog: 0 };
      byName[name] += 1;
      statementsByRequest.set(requestId, byName);
    });
    built[name] = handle.app;
  }
  const gateway = await createGateway(
    loadGatewayConfig({
      ...base,
      ...signingEnvironment.gateway,
      ...peers,
      CORS_ORIGINS: 'http://allowed.example',
      ...options.serviceEnv?.gateway,
    }),
  );
  const gatewayListener = await listenOnFreePort(gateway.app);
  servers.push(gatewayListener.server);

  const gatewayUrl = `${gatewayListener.url}/graphql`;
  const signers = Object.fromEntries(
    Object.entries(signingEnvironment).map(([caller, env]) => [
      caller,
      createEnvelopeSigner(caller as SigningCaller, signingKey.parse(env.SIGNING_KEY)),
    ]),
  ) as Record<ServiceName, EnvelopeSigner>;
  const asService = (name: SubgraphName, principal?: Principal, signing?: { signedBy?: ServiceName }) =>
    createServiceClient({
      url: urls[name],
      audience: name,
      signer: signers[signing?.signedBy ?? callerOf(principal ?? ANONYMOUS)],
      principal,
    });
  return {
    gatewayUrl,
    databaseUrl,
    serviceDatabaseUrls,
    as: (credential) => createClient(gatewayUrl, credential),
    anonymous: createClient(gatewayUrl),
    asService,
    async principalOf(credential) {
      const answer = await asService('identity').post<{ principal: Principal }>('/internal/principal', {
        credential: bearerOf(credential),
      });
      if (answer.status !== 200) throw new Error(`identity answered ${answer.status} for a principal`);
      return answer.body.principal;
    },
    subgraphUrls: urls,
    signers,
    signingEnvironmentOf: (service) => ({ ...signingEnvironment[service] }),
    jwtSecret,
    subgraphRequests: counts,
    sqlStatementsOf(requestId) {
      return { identity: 0, workspace: 0, catalog: 0, ...statementsByRequest.get(requestId) };
    },
    reconcileClones: () => (catalogHandle as CatalogHandle).reconcileClones(),
    drainDeployments: () => (workspaceHandle as WorkspaceHandle).drainDeployments(),
    complianceStats: () => (workspaceHandle as WorkspaceHandle).complianceStats(),
    async flushOutboxes() {
      for (const handle of handles) await handle.flushOutbox?.();
    },
    stopSubgraph(name) {
      serverByName[name].closeAllConnections();
      serverByName[name].close();
    },
    resetCounters() {
      for (const name of SUBGRAPH_NAMES) counts[name] = 0;
    },
    async close() {
      for (const server of servers) {
        server.closeAllConnections();
        server.close();
      }
      await gateway.close();
      for (const handle of handles) await handle.close();
    },
  };
}
