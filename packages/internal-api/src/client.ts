import {
  ANONYMOUS,
  IDENTITY_HEADER,
  REQUEST_ID_HEADER,
  servicePrincipal,
  signEnvelope,
  type EndUserPrincipal,
  type EnvelopeSigner,
} from '@controlplane/auth';
import type { Answer, Endpoint, ParsedResponseOf, RequestOf, SubgraphName } from './endpoint';

/** The part of `fetch` the client needs (the gateway passes its keep-alive client). */
export type Fetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<{ status: number; text(): Promise<string> }>;

/**
 * On whose behalf a call goes out: the request being served (a Viewer fits: its end user and
 * request id), or the service's own work (a relay, a reconciler: only a name for the logs).
 */
export type OnBehalfOf = { requestId: string; endUser?: EndUserPrincipal | undefined };

/** A call that did not get a usable answer: unreachable, a failure status, or a malformed reply. */
export class InternalCallError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

export type ServiceCaller = {
  /** Calls an endpoint; resolves with its response or one of its refusals. */
  ask<E extends Endpoint>(endpoint: E, request: RequestOf<E>, on: OnBehalfOf): Promise<Answer<E>>;
  /** Calls an endpoint; resolves with its response, and fails on any refusal. */
  call<E extends Endpoint>(endpoint: E, request: RequestOf<E>, on: OnBehalfOf): Promise<ParsedResponseOf<E>>;
};

/**
 * How one service calls the others: each call is signed with the service's own key as a `service`
 * principal naming it (and the end user it acts for), for the callee as audience, over the exact
 * body bytes; the answer is checked against the endpoint's response schema before anyone uses it.
 */
export function createServiceCaller(options: {
  /** This service's signing key; it names the service the calls come from. */
  signer: EnvelopeSigner;
  /** Where each service this one calls listens (any URL on its origin). */
  peers: Partial<Record<SubgraphName, string>>;
  fetch?: Fetch;
}): ServiceCaller {
  const send: Fetch = options.fetch ?? ((url, init) => fetch(url, init));

  async function ask<E extends Endpoint>(endpoint: E, request: RequestOf<E>, on: OnBehalfOf) {
    const name = `${endpoint.service} ${endpoint.path}`;
    const peer = options.peers[endpoint.service];
    if (peer === undefined)
      throw new InternalCallError(`${options.signer.caller} does not know where ${name} is`);
    if (!endpoint.request.safeParse(request).success) {
      throw new InternalCallError(`${name}: the request does not match its schema`);
    }
    const body = JSON.stringify(request);
    let status: number;
    let text: string;
    try {
      const response = await send(new URL(endpoint.path, peer).toString(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [REQUEST_ID_HEADER]: on.requestId,
          [IDENTITY_HEADER]: await signEnvelope({
            signer: options.signer,
            audience: endpoint.service,
            principal: servicePrincipal(options.signer.caller, on.endUser ?? ANONYMOUS),
            requestId: on.requestId,
            method: 'POST',
            path: endpoint.path,
            body,
          }),
        },
        body,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw new InternalCallError(`${name} is unreachable`, undefined, { cause: error });
    }
    // A refusal is the route's own answer, named in its body: a 401 from the signature check in
    // front of every route (an expired or replayed envelope) is a failed call, not a refusal.
    const reason = refusalNamed(parseJson(text));
    const refusal = Object.entries(endpoint.refusals).find(
      ([refusalName, refusedWith]) => refusedWith === status && refusalName === reason,
    );
    if (refusal !== undefined) return { ok: false, refusal: refusal[0] } as Answer<E>;
    if (status < 200 || status >= 300) throw new InternalCallError(`${name} answered ${status}`, status);
    const parsed = endpoint.response.safeParse(parseJson(text));
    if (!parsed.success) throw new InternalCallError(`${name} answered a malformed response`, status);
    return { ok: true, value: parsed.data } as Answer<E>;
  }

  return {
    ask,
    async call(endpoint, request, on) {
      const answer = await ask(endpoint, request, on);
      if (!answer.ok) {
        throw new InternalCallError(`${endpoint.service} ${endpoint.path} refused: ${answer.refusal}`);
      }
      return answer.value;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function refusalNamed(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  return typeof body.error === 'string' ? body.error : undefined;
}
