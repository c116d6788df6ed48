import { randomUUID } from 'node:crypto';
import { REQUEST_ID_HEADER } from '@controlplane/auth';
import type { RequestHandler } from 'express';

/** What a client may send as its own request id to have it logged; anything else is dropped. */
const CLIENT_REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export type RequestIds = {
  /** Generated here for every request: signed to subgraphs, stored in the audit trail, returned in `x-request-id`. */
  requestId: string;
  /** The client's own `x-request-id`, if well-formed: only logged beside ours, so it can never stand in for it. */
  clientRequestId: string | undefined;
};

/**
 * Gives every request a fresh id. A client's id is never used as the request id: it would be
 * signed into the envelope and stored in audit events, letting a caller forge or collide the
 * trail that links its changes together.
 */
export const assignRequestId: RequestHandler = (req, res, next) => {
  const incoming = req.header(REQUEST_ID_HEADER);
  const ids: RequestIds = {
    requestId: randomUUID(),
    clientRequestId:
      incoming !== undefined && CLIENT_REQUEST_ID_PATTERN.test(incoming) ? incoming : undefined,
  };
  res.locals.requestIds = ids;
  res.setHeader(REQUEST_ID_HEADER, ids.requestId);
  next();
};

/** The ids assignRequestId gave this request. */
export function requestIdsOf(locals: Record<string, unknown>): RequestIds {
  return locals.requestIds as RequestIds;
}
