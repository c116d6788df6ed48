import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGateway, loadGatewayConfig } from '@controlplane/gateway';
import { listen } from '@controlplane/runtime';
import type { Stack } from '@controlplane/testkit';

export type GatewayReplica = {
  url: string;
  /** POSTs a raw GraphQL body (persisted queries, extensions) and returns status, headers and body. */
  post(
    body: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: GraphQLBody }>;
  close(): Promise<void>;
};

export type GraphQLBody = {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
};

/** One more gateway process over the stack's subgraphs, with settings of its own (`env`). */
export async function startGatewayReplica(
  stack: Stack,
  env: Record<string, string>,
): Promise<GatewayReplica> {
  const gateway = await createGateway(
    loadGatewayConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ...stack.signingEnvironmentOf('gateway'),
      IDENTITY_URL: stack.subgraphUrls.identity,
      WORKSPACE_URL: stack.subgraphUrls.workspace,
      CATALOG_URL: stack.subgraphUrls.catalog,
      ...env,
    }),
  );
  const server: Server = await listen(gateway.app, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    async post(body, headers = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as GraphQLBody,
      };
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await gateway.close();
    },
  };
}
