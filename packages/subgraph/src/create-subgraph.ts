import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import {
  callersOf,
  identityApi,
  createServiceCaller,
  type InternalRoute,
  type ServiceCaller,
  type SubgraphName,
} from '@controlplane/internal-api';
import { startAuditRelay, type OutboxDelegate, type OutboxRelay } from '@controlplane/audit';
import { createEnvelopeSigner, trustCallers, type IRules } from '@controlplane/auth';
import { callerKeysOf, type SubgraphConfig } from '@controlplane/config';
import type { Database } from '@controlplane/db';
import { createLogger, type Logger } from '@controlplane/runtime';
import type { Express } from 'express';
import type { DocumentNode } from 'graphql';
import { createReplayStore } from './replay-store';
import { openSubgraphDatabase } from './subgraph-database';
import { createSubgraphServer, type SubgraphContext } from './subgraph-server';

/** What a subgraph's `wire` gets to build its repositories, services and background work with. */
export type SubgraphKit = {
  database: Database;
  logger: Logger;
  /** Calls to the other services, signed as this one. */
  internalApi: ServiceCaller;
  /** Starts relaying an audit outbox to identity's trail; flushed and stopped with the subgraph. */
  relayAuditOutbox(outbox: OutboxDelegate): OutboxRelay;
};

/** What `wire` returns: how to serve a request, and what runs beside the requests. */
export type SubgraphParts<Context extends SubgraphContext, Operations extends object> = {
  /** Builds the per-request context (loaders, services) for a verified caller. */
  createContext: (base: SubgraphContext) => Context;
  /** The service-to-service endpoints this subgraph serves. */
  internalRoutes?: readonly InternalRoute[];
  /** Outbox relays other than the audit relay: flushed by flushOutbox, stopped on close. */
  outboxes?: readonly OutboxRelay[];
  /** Other background work (timers, workers), stopped first on close; a promise is awaited. */
  jobs?: readonly { stop(): void | Promise<void> }[];
  /** Closes what `wire` opened on the database (the Prisma client). */
  disconnect: () => Promise<void>;
  /** Operations the subgraph offers its host besides serving (the catalog's reconcileClones). */
  operations?: Operations;
};

/** A built subgraph: its Express app (not yet listening) and how to release its resources. */
export type SubgraphHandle = {
  app: Express;
  /** Calls `listener` for every SQL statement this service sends; returns the unsubscribe. */
  onStatement(listener: () => void): () => void;
  /** Delivers this service's outboxes now (audit events, integration events), as the relays' timer would. */
  flushOutbox(): Promise<number>;
  close(): Promise<void>;
};

export type SubgraphDefinition<Context extends SubgraphContext, Operations extends object> = {
  name: SubgraphName;
  config: SubgraphConfig;
  /** Defaults to a JSON logger at the configured level. */
  logger?: Logger | undefined;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<Context>;
  permissions: IRules;
  migrationsDir: string;
  /** Where the services this one calls listen. */
  peers?: Partial<Record<SubgraphName, string>>;
  /** Request body limit; the gateway enforces the public one. */
  bodyLimit?: string;
  /** Builds repositories, services and background work on the migrated database. */
  wire(kit: SubgraphKit): SubgraphParts<Context, Operations> | Promise<SubgraphParts<Context, Operations>>;
};

/**
 * One subgraph, wired the same way for all three: logger, database with migrations applied, calls
 * to its peers, its outbox relays, the GraphQL server with its internal routes and ready check,
 * and a handle whose close() stops everything in order (background work, relays, server, Prisma,
 * database).
 */
export async function createSubgraph<Context extends SubgraphContext, Operations extends object = object>(
  definition: SubgraphDefinition<Context, Operations>,
): Promise<SubgraphHandle & Operations> {
  const { name, config } = definition;
  const logger = definition.logger ?? createLogger({ service: name, level: config.LOG_LEVEL });
  const database = await openSubgraphDatabase({
    name,
    config,
    migrationsDir: definition.migrationsDir,
    logger,
  });
  const internalApi = createServiceCaller({
    signer: createEnvelopeSigner(name, config.SIGNING_KEY),
    peers: definition.peers ?? {},
  });
  const relays: OutboxRelay[] = [];
  const relayAuditOutbox = (outbox: OutboxDelegate) => {
    const relay = startAuditRelay({
      outbox,
      send: async (events) => {
        await internalApi.call(identityApi.auditEvents, { events }, { requestId: 'audit-relay' });
      },
      intervalMs: config.OUTBOX_RELAY_INTERVAL_MS,
      logger,
    });
    relays.push(relay);
    return relay;
  };

  let parts: SubgraphParts<Context, Operations> | undefined;
  const stopAll = async (stopServer: () => Promise<void>) => {
    for (const job of parts?.jobs ?? []) await job.stop();
    for (const relay of [...relays, ...(parts?.outboxes ?? [])]) await relay.stop();
    await stopServer();
    await parts?.disconnect();
    await database.close();
  };
  try {
    parts = await definition.wire({ database, logger, internalApi, relayAuditOutbox });
    const outboxes = [...relays, ...(parts.outboxes ?? [])];
    const server = await createSubgraphServer<Context>({
      name,
      typeDefs: definition.typeDefs,
      resolvers: definition.resolvers,
      permissions: definition.permissions,
      trusted: trustedCallersOf(name, config),
      // Without waiting for the disk: a mutation's own commit flushes its claim (Database docs).
      replayStore: createReplayStore({ executor: database.asyncCommitExecutor, schema: name }),
      withoutShield: config.BENCHMARK_SHIELD_OFF,
      logger,
      bodyLimit: definition.bodyLimit,
      createContext: parts.createContext,
      checkReady: () => database.ping(),
      internalRoutes: parts.internalRoutes ?? [],
    });
    const handle: SubgraphHandle = {
      app: server.app,
      onStatement: (listener) => database.onStatement(listener),
      async flushOutbox() {
        let delivered = 0;
        for (const relay of outboxes) delivered += await relay.flush();
        return delivered;
      },
      close: () => stopAll(() => server.stop()),
    };
    return Object.assign(handle, parts.operations);
  } catch (error) {
    await stopAll(async () => undefined);
    throw error;
  }
}

/**
 * The public keys this subgraph checks envelopes with: those of the callers it serves (callersOf:
 * the gateway and the services its endpoints name), current and previous, and no other caller's.
 */
function trustedCallersOf(name: SubgraphName, config: SubgraphConfig) {
  const configured = callerKeysOf(config);
  const keys = Object.fromEntries(callersOf(name).map((caller) => [caller, configured[caller] ?? []]));
  return trustCallers(keys);
}
