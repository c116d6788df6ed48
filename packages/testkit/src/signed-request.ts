import { randomUUID } from 'node:crypto';
import { ANONYMOUS, IDENTITY_HEADER, REQUEST_ID_HEADER, signEnvelope } from '@controlplane/auth';
import type { EnvelopeSigner, Principal } from '@controlplane/auth';

/** A POST of `body` to one subgraph route, signed by one caller (the gateway, or a service). */
export type SignedCall = {
  /** The caller's key: `stack.signers.gateway`, or the service's own signer. */
  signer: EnvelopeSigner;
  /** The subgraph the envelope is for. */
  audience: string;
  /** Anonymous unless given. */
  principal?: Principal;
  /** The route's path; /graphql unless given. */
  path?: string;
  body: string;
};

/**
 * The headers `call.signer`'s caller sends with `call.body`: JSON, a fresh request id, and the envelope for
 * that request id over exactly that body, path and audience.
 */
export async function signedHeaders(call: SignedCall): Promise<Record<string, string>> {
  const requestId = randomUUID();
  return {
    'content-type': 'application/json',
    [REQUEST_ID_HEADER]: requestId,
    [IDENTITY_HEADER]: await signEnvelope({
      signer: call.signer,
      audience: call.audience,
      principal: call.principal ?? ANONYMOUS,
      requestId,
      method: 'POST',
      path: call.path ?? '/graphql',
      body: call.body,
    }),
  };
}

/** POSTs `call.body` to `url` (a subgraph route) signed by `call.signer`; resolves whatever the status. */
export async function postSigned(url: string, call: Omit<SignedCall, 'path'>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: await signedHeaders({ ...call, path: new URL(url).pathname }),
    body: call.body,
  });
}
