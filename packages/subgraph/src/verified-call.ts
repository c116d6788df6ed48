import {
  IDENTITY_HEADER,
  REQUEST_ID_HEADER,
  EnvelopeError,
  ReplayGuard,
  Viewer,
  verifyEnvelope,
  type EnvelopeId,
  type TrustedCallers,
} from '@controlplane/auth';
import type { IncomingCall } from '@controlplane/internal-api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { ReplayStore } from './replay-store';

/** The verified caller of each request, kept beside the request rather than in untyped locals. */
const verifiedCalls = new WeakMap<Request, IncomingCall & { envelope: EnvelopeId }>();

/** The caller that verifyCalls established for this request. */
export function verifiedCallOf(req: Request): IncomingCall {
  return verifiedEntryOf(req);
}

/** The envelope the request came with, for a claim in the ReplayStore after verifyCalls. */
export function envelopeOf(req: Request): EnvelopeId {
  return verifiedEntryOf(req).envelope;
}

function verifiedEntryOf(req: Request) {
  const call = verifiedCalls.get(req);
  if (call === undefined) throw new Error('the route is not behind verifyCalls');
  return call;
}

/** What a subgraph answers to any request whose envelope it refuses, with status 401. */
export const REFUSED_ENVELOPE_BODY = {
  errors: [{ message: 'Requests must come through the gateway.', extensions: { code: 'UNAUTHENTICATED' } }],
};

/**
 * Admits only requests whose envelope is valid for this subgraph (signed with the key of a caller
 * it trusts, for a principal that caller may sign; audience, route, body hash, not replayed): it records the caller and parses the body, which must be raw bytes here (the
 * signature covers the exact bytes). Anything else gets 401 before any route sees it.
 *
 * Replay: every envelope is checked in this replica's memory; when `claimsStrictly(req)` holds
 * it is also claimed in the replicas' shared `replayStore` (one statement), so it is accepted at
 * most once across replicas and restarts. Routes that do not (GraphQL, whose operation type is
 * known only after parsing) claim it themselves through `envelopeOf`.
 */
export function verifyCalls(options: {
  audience: string;
  trusted: TrustedCallers;
  logger: Logger;
  replayStore: ReplayStore;
  claimsStrictly: (req: Request) => boolean;
}): RequestHandler {
  const replayGuard = new ReplayGuard();
  return async (req: Request, res: Response, next: NextFunction) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    try {
      const claims = await verifyEnvelope({
        token: req.header(IDENTITY_HEADER),
        trusted: options.trusted,
        audience: options.audience,
        method: req.method,
        path: `${req.baseUrl}${req.path}`,
        body: raw,
        replayGuard,
      });
      if (options.claimsStrictly(req) && !(await claimOrAnswer503(options, claims.envelope, res))) return;
      verifiedCalls.set(req, {
        caller: claims.caller,
        viewer: new Viewer(claims.principal, claims.requestId),
        envelope: claims.envelope,
      });
      req.body = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
      next();
    } catch (error) {
      const reason = error instanceof EnvelopeError ? error.message : 'unreadable request';
      options.logger.warn(
        { reason, requestId: req.header(REQUEST_ID_HEADER) },
        'refused a request without a valid signature',
      );
      res.status(401).json(REFUSED_ENVELOPE_BODY);
    }
  };
}

/**
 * Claims `envelope` in the shared store: true when it is new. A replay throws EnvelopeError (401);
 * a store that cannot answer gets 503 here (false), as any unavailable database does.
 */
async function claimOrAnswer503(
  options: { replayStore: ReplayStore; logger: Logger },
  envelope: EnvelopeId,
  res: Response,
): Promise<boolean> {
  let claimed: boolean;
  try {
    claimed = await options.replayStore.claim(envelope);
  } catch (error) {
    options.logger.error({ err: error }, 'could not record a used envelope');
    res.status(503).json({
      errors: [{ message: 'The service is unavailable.', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
    });
    return false;
  }
  if (!claimed) throw new EnvelopeError('replayed request (claimed by another replica or before a restart)');
  return true;
}
