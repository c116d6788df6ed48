import type { InternalRoute } from '@controlplane/internal-api';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { verifiedCallOf } from './verified-call';

/**
 * The service-to-service endpoints a subgraph serves, mounted under /internal behind the same
 * signature check as /graphql. Each route checks its callers and body itself (internal-api);
 * what a handler throws is logged and answered 500, so the caller retries or fails cleanly.
 */
export function createInternalRouter(options: {
  service: string;
  routes: readonly InternalRoute[];
  logger: Logger;
}): Router {
  const router = express.Router();
  for (const route of options.routes) {
    if (route.endpoint.service !== options.service) {
      throw new Error(`${route.endpoint.path} belongs to ${route.endpoint.service}, not ${options.service}`);
    }
    router.post(route.endpoint.path.slice('/internal'.length), async (req, res) => {
      const call = verifiedCallOf(req);
      try {
        const { status, body } = await route.answer(req.body, call);
        res.status(status).json(body);
      } catch (error) {
        options.logger.error(
          { err: error, path: route.endpoint.path, requestId: call.viewer.requestId },
          'internal request failed',
        );
        res.status(500).json({ error: 'internal error' });
      }
    });
  }
  return router;
}
