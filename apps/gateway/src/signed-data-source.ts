import {
  IDENTITY_HEADER,
  PRINCIPAL_CHANGED_HEADER,
  REQUEST_ID_HEADER,
  signEnvelope,
} from '@controlplane/auth';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context';
import type { SubgraphFetch } from './subgraph-client';

type DidReceiveResponseOptions = Parameters<
  NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>
>[0];

/** Carries the principal from willSendRequest to the fetcher, which alone sees the final body. */
const PENDING_PRINCIPAL_HEADER = 'x-pending-principal';

/**
 * Sends subgraph requests over the shared keep-alive client, each signed for its subgraph over
 * the exact body bytes, with the caller's principal and the request id.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(options: { name: string; url: string; secret: string; fetch: SubgraphFetch }) {
    super({
      url: options.url,
      fetcher: (async (
        url: string,
        init: { method?: string; headers?: Record<string, string>; body?: string },
      ) => {
        const headers = { ...(init.headers ?? {}) };
        const principal = headers[PENDING_PRINCIPAL_HEADER];
        delete headers[PENDING_PRINCIPAL_HEADER];
        if (principal === undefined) throw new Error('unsigned subgraph request');
        headers[IDENTITY_HEADER] = await signEnvelope({
          secret: options.secret,
          audience: options.name,
          principal: JSON.parse(principal),
          requestId: headers[REQUEST_ID_HEADER] ?? 'none',
          body: init.body ?? '',
        });
        return options.fetch(url, { ...init, headers });
      }) as never,
    });
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

  override async willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http?.headers;
    if (headers === undefined) return;
    // Requests the gateway makes for itself (no incoming operation) act as anonymous.
    const principal = context.caller === undefined ? { kind: 'anonymous' } : await context.caller.current();
    headers.set(PENDING_PRINCIPAL_HEADER, JSON.stringify(principal));
    headers.set(REQUEST_ID_HEADER, context.requestId ?? 'none');
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
