import type { ServiceName } from '@controlplane/auth';
import type { z } from 'zod';

/** The services that serve internal endpoints (the gateway only calls them). */
export type SubgraphName = Exclude<ServiceName, 'gateway'>;

/** Answers other than success that a caller must handle, by name and HTTP status. */
export type Refusals = Readonly<Record<string, number>>;

/**
 * One service-to-service endpoint, shared by the service that serves it and the services that
 * call it: the server checks the caller and the body against it, the client checks the answer.
 */
export type Endpoint<
  Request extends z.ZodType = z.ZodType,
  Response extends z.ZodType = z.ZodType,
  Refused extends Refusals = Refusals,
> = {
  /** The service that serves it. */
  service: SubgraphName;
  path: `/internal/${string}`;
  /** The only services it answers; any other gets 403. */
  callers: readonly ServiceName[];
  /**
   * Set on endpoints that answer without changing anything. Their envelopes are checked against
   * replay only in the serving replica's memory; every other endpoint claims its envelope in the
   * replicas' shared store first, so a captured call changes things at most once (issue 16).
   */
  readOnly?: true;
  request: Request;
  response: Response;
  refusals: Refused;
};

/** Declares an endpoint (identity function: it only fixes the types). */
export function defineEndpoint<
  Request extends z.ZodType,
  Response extends z.ZodType,
  Refused extends Refusals = Record<never, number>,
>(endpoint: Endpoint<Request, Response, Refused>): Endpoint<Request, Response, Refused> {
  return endpoint;
}

/** What a caller sends. */
export type RequestOf<E extends Endpoint> = z.input<E['request']>;
/** What the server's handler receives (after parsing). */
export type ParsedRequestOf<E extends Endpoint> = z.output<E['request']>;
/** What the server's handler answers. */
export type ResponseOf<E extends Endpoint> = z.input<E['response']>;
/** What the caller receives (after parsing). */
export type ParsedResponseOf<E extends Endpoint> = z.output<E['response']>;
/** The names of the endpoint's refusals. */
export type RefusalOf<E extends Endpoint> = keyof E['refusals'] & string;

/** The caller's view of one answer: the response, or one of the endpoint's refusals. */
export type Answer<E extends Endpoint> =
  { ok: true; value: ParsedResponseOf<E> } | { ok: false; refusal: RefusalOf<E> };
