import { IDENTITY_HEADER, type EnvelopeSigner, type Principal } from '@controlplane/auth';
import { clientOver, type GraphQLClient, type GraphQLErrorShape } from './client';
import { postSigned, signedHeaders } from './signed-request';

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
  const call = (body: string) => ({ ...options, body });

  const client = clientOver(async (query, variables = {}, sendOptions) => {
    if (sendOptions?.headers !== undefined) throw new Error('a service client sends only signed headers');
    const response = await postSigned(options.url, call(JSON.stringify({ query, variables })));
    const body = (await response.json()) as { data?: any; errors?: GraphQLErrorShape[] };
    return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
  });
  return {
    ...client,
    async post<T>(path: string, body: unknown) {
      const response = await postSigned(new URL(path, options.url).toString(), call(JSON.stringify(body)));
      return { status: response.status, body: (await response.json()) as T };
    },
    sign: async (body) => (await signedHeaders(call(body)))[IDENTITY_HEADER]!,
  };
}
