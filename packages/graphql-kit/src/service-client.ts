import { IDENTITY_HEADER, REQUEST_ID_HEADER, signEnvelope, type Viewer } from '@controlplane/auth';

/**
 * Service-to-service calls between subgraphs, signed like the gateway's requests (the same shared
 * secret, the callee as audience) and carrying the caller's principal and request id, so the
 * callee applies its own rules and logs under the same request.
 */
export function createServiceClient(options: { url: string; audience: string; secret: string }) {
  return {
    async post<T>(path: string, body: unknown, viewer: Viewer): Promise<T> {
      const text = JSON.stringify(body);
      const response = await fetch(new URL(path, options.url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [REQUEST_ID_HEADER]: viewer.requestId,
          [IDENTITY_HEADER]: await signEnvelope({
            secret: options.secret,
            audience: options.audience,
            principal: viewer.principal,
            requestId: viewer.requestId,
            body: text,
          }),
        },
        body: text,
      });
      if (!response.ok) throw new Error(`${options.audience} ${path} answered ${response.status}`);
      return (await response.json()) as T;
    },
  };
}

export type ServiceClient = ReturnType<typeof createServiceClient>;
