import { randomUUID } from 'node:crypto';
import {
  ANONYMOUS,
  IDENTITY_HEADER,
  REQUEST_ID_HEADER,
  signEnvelope,
  type EnvelopeSigner,
  type Principal,
} from '@controlplane/auth';
import { clientOver, type GraphQLClient, type GraphQLErrorShape } from './client';

/**
 * A caller of one subgraph that signs every request as the gateway (or a service) does: the
 * principal, a fresh request id (sent beside it too) and the hash of the exact body, for that
 * subgraph only, with `signer`'s key.
 */
export type ServiceClient = GraphQLClient & {
  /** POSTs `body` as JSON to a path of the subgraph (an internal route); resolves whatever the status. */
  post<T = any>(path: string, body: unknown): Promise<{ status: number; body: T }>;
  /** The identity header the gateway would send with exactly `body` to this subgraph's /graphql. */
  sign(body: string): Promise<string>;
};

export function createServiceClient(options: {
  /** The subgraph's GraphQL URL; internal routes resolve against it. */
  url: string;
  audience: string;
  signer: EnvelopeSigner;
  principal?: Principal;
}): ServiceClient {
  const principal = options.principal ?? ANONYMOUS;
  const sign = (body: string, path: string, requestId: string = randomUUID()) =>
    signEnvelope({
      signer: options.signer,
      audience: options.audience,
      principal,
      requestId,
      method: 'POST',
      path,
      body,
    });

  async function postText(url: string, body: string): Promise<Response> {
    const requestId = randomUUID();
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [REQUEST_ID_HEADER]: requestId,
        [IDENTITY_HEADER]: await sign(body, new URL(url).pathname, requestId),
      },
      body,
    });
  }

  const client = clientOver(async (query, variables = {}, sendOptions) => {
    if (sendOptions?.headers !== undefined) throw new Error('a service client sends only signed headers');
    const response = await postText(options.url, JSON.stringify({ query, variables }));
    const body = (await response.json()) as { data?: any; errors?: GraphQLErrorShape[] };
    return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
  });
  return {
    ...client,
    async post<T>(path: string, body: unknown) {
      const response = await postText(new URL(path, options.url).toString(), JSON.stringify(body));
      return { status: response.status, body: (await response.json()) as T };
    },
    sign: (body) => sign(body, '/graphql'),
  };
}
