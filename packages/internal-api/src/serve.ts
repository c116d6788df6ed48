import type { ServiceName, Viewer } from '@controlplane/auth';
import type { Endpoint, ParsedRequestOf, RefusalOf, ResponseOf } from './endpoint';

/** An answer other than success, by its name in the endpoint's `refusals`. */
export class Refusal<Name extends string = string> {
  constructor(readonly reason: Name) {}
}

export function refuse<Name extends string>(reason: Name): Refusal<Name> {
  return new Refusal(reason);
}

/** An incoming call, as its verified signature states it. */
export type IncomingCall = {
  /** The service that made the call. */
  caller: ServiceName;
  /** The caller of the request: the end user the calling service acts for, if any. */
  viewer: Viewer;
};

export type Handler<E extends Endpoint> = (
  request: ParsedRequestOf<E>,
  call: IncomingCall,
) => Promise<ResponseOf<E> | Refusal<RefusalOf<E>>>;

/** An HTTP answer, for the serving service to send as JSON. */
export type RouteAnswer = { status: number; body: unknown };

/** An endpoint with its implementation, ready for the serving service to mount. */
export type InternalRoute = {
  endpoint: Endpoint;
  /** Checks the caller (403) and the body (400), runs the handler; throws what the handler throws. */
  answer(body: unknown, call: IncomingCall): Promise<RouteAnswer>;
};

/** Binds a handler to its endpoint: the handler sees only accepted callers and parsed bodies. */
export function implement<E extends Endpoint>(endpoint: E, handler: Handler<E>): InternalRoute {
  return {
    endpoint,
    async answer(body, call) {
      if (!endpoint.callers.includes(call.caller)) {
        return { status: 403, body: { error: `${endpoint.path} does not accept calls from ${call.caller}` } };
      }
      const parsed = endpoint.request.safeParse(body);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        }));
        return { status: 400, body: { error: 'invalid request', issues } };
      }
      const result = await handler(parsed.data as ParsedRequestOf<E>, call);
      if (result instanceof Refusal) {
        const status = endpoint.refusals[result.reason];
        if (status === undefined) throw new Error(`${endpoint.path} has no refusal ${result.reason}`);
        return { status, body: { error: result.reason } };
      }
      // Parsed on the way out too: extra fields of a record never leave the service.
      return { status: 200, body: endpoint.response.parse(result) };
    },
  };
}
