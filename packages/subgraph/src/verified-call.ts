import {
  IDENTITY_HEADER,
  REQUEST_ID_HEADER,
  EnvelopeError,
  ReplayGuard,
  Viewer,
  callerOf,
  verifyEnvelope,
} from '@controlplane/auth';
import type { IncomingCall } from '@controlplane/internal-api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** The verified caller of each request, kept beside the request rather than in untyped locals. */
const verifiedCalls = new WeakMap<Request, IncomingCall>();

/** The caller that verifyCalls established for this request. */
export function verifiedCallOf(req: Request): IncomingCall {
  const call = verifiedCalls.get(req);
  if (call === undefined) throw new Error('the route is not behind verifyCalls');
  return call;
}

/**
 * Admits only requests whose envelope is valid for this subgraph (signature, audience, body hash,
 * not replayed): it records the caller and parses the body, which must be raw bytes here (the
 * signature covers the exact bytes). Anything else gets 401 before any route sees it.
 */
export function verifyCalls(options: { audience: string; secret: string; logger: Logger }): RequestHandler {
  const replayGuard = new ReplayGuard();
  return async (req: Request, res: Response, next: NextFunction) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    try {
      const claims = await verifyEnvelope({
        token: req.header(IDENTITY_HEADER),
        secret: options.secret,
        audience: options.audience,
        body: raw,
        replayGuard,
      });
      verifiedCalls.set(req, {
        caller: callerOf(claims.principal),
        viewer: new Viewer(claims.principal, claims.requestId),
      });
      req.body = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
      next();
    } catch (error) {
      const reason = error instanceof EnvelopeError ? error.message : 'unreadable request';
      options.logger.warn(
        { reason, requestId: req.header(REQUEST_ID_HEADER) },
        'refused a request without a valid gateway signature',
      );
      res.status(401).json({
        errors: [
          { message: 'Requests must come through the gateway.', extensions: { code: 'UNAUTHENTICATED' } },
        ],
      });
    }
  };
}
