import { AsyncLocalStorage } from 'node:async_hooks';
import {
  ANONYMOUS,
  IDENTITY_HEADER,
  PRINCIPAL_CHANGED_HEADER,
  REQUEST_ID_HEADER,
  GRAPHQL_METHOD,
  GRAPHQL_PATH,
  signEnvelope,
  type EnvelopeSigner,
  type Principal,
} from '@controlplane/auth';
import {
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
  type GraphQLDataSource,
} from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context';
import type { SubgraphFetch } from './subgraph-client';

type DidReceiveResponseOptions = Parameters<
  NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>
>[0];

/** Who one subgraph fetch speaks for: what the fetcher signs together with the final body. */
type FetchIdentity = { principal: Principal; requestId: string };

/**
 * The identity of the fetch in progress. The body is serialised inside RemoteGraphQLDataSource's
 * private sendRequest, and the fetcher sees only (url, init): the identity travels to it with the
 * fetch's own async context, typed, instead of in a header stripped again before sending.
 */
const fetchIdentity = new AsyncLocalStorage<FetchIdentity>();

/**
 * Sends subgraph requests over the shared keep-alive client, each signed for its subgraph over
 * the exact body bytes, with the caller's principal and the request id.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(options: { name: string; url: string; signer: EnvelopeSigner; fetch: SubgraphFetch }) {
    const fetcher: RemoteGraphQLDataSource['fetcher'] = async (url, init = {}) => {
      const identity = fetchIdentity.getStore();
      if (identity === undefined) throw new Error('unsigned subgraph request');
      const body = init.body ?? '';
      const headers = {
        ...init.headers,
        [REQUEST_ID_HEADER]: identity.requestId,
        [IDENTITY_HEADER]: await signEnvelope({
          signer: options.signer,
          audience: options.name,
          principal: identity.principal,
          requestId: identity.requestId,
          // The subgraph's route as it serves it, whatever proxy prefix its URL may carry.
          method: GRAPHQL_METHOD,
          path: GRAPHQL_PATH,
          body,
        }),
      };
      return options.fetch(url, { method: init.method, headers, body });
    };
    super({ url: options.url, fetcher });
  }

  /** Each fetch is signed with the caller as it is now (changed memberships re-read first). */
  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<GraphQLDataSource<GatewayContext>['process']> {
    const { context } = options;
    // Requests the gateway makes for itself (no incoming operation) act as anonymous.
    const principal = context.caller === undefined ? ANONYMOUS : await context.caller.current();
    return fetchIdentity.run({ principal, requestId: context.requestId ?? 'none' }, () =>
      super.process(options),
    );
  }

  /**
   * A subgraph answers HTTP 400 when variables fail its own input coercion (a DateTime that is
   * not a date, say). That is the client's mistake: pass its GraphQL error on (code and message)
   * instead of the generic transport error the gateway would report as internal.
   */
  override async errorFromResponse(
    response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0],
  ): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (
      error.extensions.response as
        { body?: { errors?: { message?: string; extensions?: { code?: string } }[] } } | undefined
    )?.body;
    const first = body?.errors?.[0];
    if (
      response.status === 400 &&
      first?.extensions?.code === 'BAD_USER_INPUT' &&
      typeof first.message === 'string'
    ) {
      return new GraphQLError(first.message, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return error;
  }

  /** A subgraph that changed the caller's own memberships says so: later fetches use the new ones. */
  override didReceiveResponse({
    response,
    context,
  }: DidReceiveResponseOptions): DidReceiveResponseOptions['response'] {
    if (response.http?.headers.get(PRINCIPAL_CHANGED_HEADER) === '1') context.caller?.markChanged();
    return response;
  }
}
