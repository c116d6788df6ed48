import type { Router } from 'express';
import type { Logger } from 'pino';
import type { AuthService } from './services/auth-service';

/**
 * Service-to-service endpoints for the gateway (behind the gateway-signature check).
 * POST /internal/principal {credential} -> {principal}: who a bearer credential belongs to, with
 * the memberships it holds now. 401 when the credential is not valid.
 */
export function mountInternalRoutes(router: Router, deps: { auth: AuthService; logger: Logger }): void {
  router.post('/principal', async (req, res) => {
    const credential: unknown = (req.body as { credential?: unknown }).credential;
    if (typeof credential !== 'string' || credential.length === 0 || credential.length > 4096) {
      res.status(400).json({ error: 'credential must be a non-empty string' });
      return;
    }
    try {
      const principal = await deps.auth.resolvePrincipal(credential);
      if (principal === undefined) res.status(401).json({ error: 'invalid credential' });
      else res.json({ principal });
    } catch (error) {
      deps.logger.error({ err: error }, 'principal resolution failed');
      res.status(500).json({ error: 'principal resolution failed' });
    }
  });
}
