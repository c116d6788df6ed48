export type GraphQLErrorShape = {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
};
export type GraphQLResponse<T> = {
  status: number;
  data?: T | null;
  errors?: GraphQLErrorShape[];
  headers: Headers;
};

/**
 * What a test client sends as its bearer credential: a user (its token), an API key (its
 * secret), or the raw credential itself.
 */
export type Credential = string | { token: string } | { secret: string };

/**
 * One caller's view of a GraphQL endpoint. Data is typed `any` unless the test names a type:
 * tests read answers by path and assert on them, as a client would.
 */
export type GraphQLClient = {
  /** Sends one operation and resolves to the whole answer (status, data, errors, headers). */
  send<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /** Sends one operation and resolves to its data, failing with the errors when there are any. */
  data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Sends one operation and resolves to its error codes, in order (none when it succeeded). */
  codes(query: string, variables?: Record<string, unknown>): Promise<string[]>;
};

/** The bearer token a credential sends. */
export function bearerOf(credential: Credential): string {
  if (typeof credential === 'string') return credential;
  return 'token' in credential ? credential.token : credential.secret;
}

/** Sends one GraphQL operation over HTTP, as a browser or partner integration would. */
export async function graphql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: GraphQLErrorShape[] };
  return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
}

/** The error codes of a response, in order: the usual thing a test asserts on. */
export function errorCodes(response: { errors?: GraphQLErrorShape[] }): string[] {
  return (response.errors ?? []).map((error) => error.extensions?.code ?? 'NONE');
}

/** Returns data, failing with the errors when there are any. */
export function expectData<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(response.errors)}`);
  if (response.data === undefined || response.data === null) throw new Error('no data');
  return response.data;
}

/**
 * A client built on a way of sending one operation: `send` is the only thing that differs between
 * a gateway caller and a signed subgraph caller.
 */
export function clientOver(send: GraphQLClient['send']): GraphQLClient {
  return {
    send,
    data: async (query, variables) => expectData(await send(query, variables)),
    codes: async (query, variables) => errorCodes(await send(query, variables)),
  };
}

/** A client of `url` (the gateway) that sends `credential`, or none. */
export function createClient(url: string, credential?: Credential): GraphQLClient {
  const token = credential === undefined ? undefined : bearerOf(credential);
  return clientOver((query, variables, options) =>
    graphql(url, query, variables, { token, headers: options?.headers }),
  );
}
