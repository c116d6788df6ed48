import type { OutboundClient } from '@controlplane/outbound';
import { OutboundError } from '@controlplane/outbound';
import {
  ResponseContext,
  wrapHttpLibrary,
  type HttpLibrary,
  type RequestContext,
} from '@kubernetes/client-node';
import { parseRetryAfter, withRetry, type RetryPolicy } from '../retry';

/** A 429 or 5xx answer that another try may turn into a success. */
class TransientStatus extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`HTTP ${status}`);
  }
}

/**
 * The HTTP transport of @kubernetes/client-node, replaced: every request goes through the
 * outbound guard (SSRF checks, no redirects, the cluster CA), is aborted with the call's time
 * budget, and is retried with backoff when it fails transiently (network error, 429, 5xx). A 4xx
 * is an answer and is never retried. Every request the client makes (discovery, apply, get,
 * delete) is idempotent, so retrying one is safe.
 */
export function createKubernetesHttp(
  client: OutboundClient,
  options: { retry: RetryPolicy; signal: AbortSignal },
): HttpLibrary {
  return wrapHttpLibrary({
    send: (request) =>
      withRetry(
        async ({ last }) => {
          const response = await client.fetch(request.getUrl(), {
            method: request.getHttpMethod(),
            headers: request.getHeaders(),
            body: bodyOf(request),
            signal: options.signal,
          });
          if (!last && (response.status === 429 || response.status >= 500)) {
            await response.body?.cancel();
            throw new TransientStatus(response.status, parseRetryAfter(response.headers.get('retry-after')));
          }
          const headers: Record<string, string> = {};
          response.headers.forEach((value, name) => {
            headers[name] = value;
          });
          const text = await response.text();
          return new ResponseContext(response.status, headers, {
            text: async () => text,
            binary: async () => Buffer.from(text),
          });
        },
        {
          policy: options.retry,
          signal: options.signal,
          isTransient: (error) =>
            error instanceof TransientStatus || (error instanceof OutboundError && error.transient),
          requestedDelayMs: (error) => (error instanceof TransientStatus ? error.retryAfterMs : undefined),
        },
      ),
  });
}

function bodyOf(request: RequestContext): string | undefined {
  const body = request.getBody();
  if (body === undefined || typeof body === 'string') return body;
  throw new Error('only string request bodies are sent to the Kubernetes API');
}
