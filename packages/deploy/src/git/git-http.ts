import type { OutboundClient } from '@controlplane/outbound';
import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';

/**
 * isomorphic-git's HTTP plugin on the outbound guard: every request of a clone, fetch or push
 * goes through the SSRF checks, never follows a redirect, and is aborted with the call's signal.
 * Authorization travels as a header added here, never in the URL.
 */
export function createGitHttp(
  client: OutboundClient,
  options: { authorization: string; signal: AbortSignal },
): HttpClient {
  return {
    async request(request: GitHttpRequest): Promise<GitHttpResponse> {
      const body = request.body ? await collect(request.body) : undefined;
      const response = await client.fetch(request.url, {
        method: request.method ?? 'GET',
        headers: { ...request.headers, authorization: options.authorization },
        ...(body !== undefined ? { body } : {}),
        signal: options.signal,
      });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return {
        url: request.url,
        method: request.method ?? 'GET',
        statusCode: response.status,
        statusMessage: response.statusText,
        headers,
        body: response.body ? toAsyncIterator(response.body) : undefined,
      };
    },
  };
}

/** isomorphic-git hands the request body as chunks; Git servers want a Content-Length, so buffer it. */
async function collect(chunks: AsyncIterableIterator<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

async function* toAsyncIterator(stream: AsyncIterable<Uint8Array>): AsyncIterableIterator<Uint8Array> {
  for await (const chunk of stream) yield chunk;
}
