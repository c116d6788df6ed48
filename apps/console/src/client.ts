import { persistedExchange } from '@urql/exchange-persisted';
import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';

/**
 * The SHA-256 of an operation's text, as the gateway's allow-list keys it
 * (apps/console/src/gql/persisted-documents.json, written by `npm run codegen` from the same
 * text). Web Crypto exists only in a secure context (https, localhost); elsewhere the empty hash
 * makes the exchange send the full document, which a gateway with TRUSTED_DOCUMENTS=required refuses.
 */
async function hashOperation(text: string): Promise<string> {
  if (globalThis.crypto?.subtle === undefined) return '';
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * One urql client per session: the token goes in the Authorization header, the document cache
 * keeps pages fast when revisited, and an UNAUTHENTICATED answer ends the session in the console.
 * Operations go by hash (persisted documents, README "Trusted documents"), queries and mutations
 * alike, always by POST: the full document follows only when the gateway does not know the hash
 * (PersistedQueryNotFound) or takes no persisted operations (PersistedQueryNotSupported).
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
      persistedExchange({
        enableForMutation: true,
        preferGetForPersistedQueries: false,
        generateHash: hashOperation,
      }),
      fetchExchange,
    ],
  });
}
