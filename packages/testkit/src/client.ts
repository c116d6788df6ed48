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
