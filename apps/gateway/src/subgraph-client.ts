import { Agent, fetch as undiciFetch } from 'undici';

/**
 * One HTTP client for all subgraph traffic: keep-alive sockets (closed before the subgraphs'
 * 65 s server timeout, so a socket is never reused as the far end closes it) and a deadline.
 */
export function createSubgraphFetch(options: { keepAliveMs: number; timeoutMs: number }) {
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveMs,
    keepAliveMaxTimeout: options.keepAliveMs,
    connections: 128,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const fetch = (
    url: string,
    init: { method?: string | undefined; headers?: Record<string, string>; body?: string | Uint8Array },
  ) => undiciFetch(url, { ...init, dispatcher: agent });
  return { fetch, close: () => agent.close() };
}

export type SubgraphFetch = ReturnType<typeof createSubgraphFetch>['fetch'];
