import { IDENTITY_HEADER, REQUEST_ID_HEADER, signEnvelope, type Viewer } from '@controlplane/auth';

/**
 * Service-to-service calls between subgraphs, signed like the gateway's requests (the same shared
 * secret, the callee as audience) and carrying the caller's principal and request id, so the
 * callee applies its own rules and logs under the same request.
 */
export function createServiceClient(options: { url: string; audience: string; secret: string }) {
  /** Sends one signed request; resolves with the status and JSON body, whatever the status. */
  async function call<T>(path: string, body: unknown, viewer: Viewer): Promise<{ status: number; body: T }> {
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
    return { status: response.status, body: (await response.json()) as T };
  }

  return {
    call,
    /** Sends one signed request and fails unless it succeeded. */
    async post<T>(path: string, body: unknown, viewer: Viewer): Promise<T> {
      const { status, body: answer } = await call<T>(path, body, viewer);
      if (status < 200 || status >= 300) throw new Error(`${options.audience} ${path} answered ${status}`);
      return answer;
    },
  };
}

export type ServiceClient = ReturnType<typeof createServiceClient>;
