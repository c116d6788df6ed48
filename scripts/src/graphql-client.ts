/** A minimal GraphQL-over-HTTP client for scripts (seed, smoke checks). */
export async function graphqlRequest<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  if (body.errors?.length) {
    const error = new Error(
      body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '),
    );
    (error as Error & { codes?: string[] }).codes = body.errors.map((e) => e.extensions?.code ?? 'ERROR');
    throw error;
  }
  return body.data as T;
}

/** One caller of the API at `url`, the holder of `token`. */
export type Caller = {
  call<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Runs `create<type>(input: $input)` (`type` as in `Organization`) and resolves the new object's id. */
  create(type: string, input: Record<string, unknown>): Promise<string>;
};

export function callerAs(url: string, token: string): Caller {
  const call = <T>(query: string, variables: Record<string, unknown> = {}) =>
    graphqlRequest<T>(url, query, variables, token);
  return {
    call,
    create: async (type, input) => {
      const field = `create${type}`;
      const data = await call<Record<string, { id: string }>>(
        `mutation ($input: Create${type}Input!) { ${field}(input: $input) { id } }`,
        { input },
      );
      return data[field]!.id;
    },
  };
}
