import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';

/**
 * One urql client per session: the token goes in the Authorization header, the document cache
 * keeps pages fast when revisited, and an UNAUTHENTICATED answer ends the session in the console.
 */
export function createApiClient(options: { token: string | null; onUnauthenticated(): void }): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => {
      const headers: Record<string, string> = {};
      if (options.token !== null) headers.authorization = `Bearer ${options.token}`;
      return { headers };
    },
    exchanges: [
      mapExchange({
        onError(error) {
          if (
            options.token !== null &&
            error.graphQLErrors.some((e) => e.extensions.code === 'UNAUTHENTICATED')
          ) {
            options.onUnauthenticated();
          }
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}
