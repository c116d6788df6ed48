import type { Router } from 'express';
import type { Logger } from 'pino';
import { auditBatchSchema, type AuditEventRecord } from '@controlplane/audit';
import { isWellFormedId } from '@controlplane/graphql-kit';
import type { IdentityRepositories } from './repositories';
import type { AuthService } from './services/auth-service';

/**
 * Service-to-service endpoints (behind the gateway-signature check).
 * POST /internal/principal {credential} -> {principal}: who a bearer credential belongs to, with
 * the memberships it holds now. 401 when the credential is not valid.
 * POST /internal/teams {ids} -> {teams: [{id, organizationId}]}: which organization each existing
 * team belongs to (the workspace subgraph checks grants against it). Unknown ids are left out.
 * POST /internal/audit-events {events} -> {stored}: audit events relayed from the other subgraphs'
 * outboxes; an id already stored is skipped, so redelivery is harmless.
 * POST /internal/organizations/public-publisher {organizationId}: the catalog is about to show a
 * PUBLIC item of this organization, so its profile becomes public first (404 when the
 * organization is gone: nothing of it may become public).
 */
export function mountInternalRoutes(
  router: Router,
  deps: { auth: AuthService; repositories: IdentityRepositories; logger: Logger },
): void {
  router.post('/audit-events', async (req, res) => {
    const parsed = auditBatchSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'events must be a list of audit events' });
      return;
    }
    const stored = await deps.repositories.audit.storeRelayed(parsed.data.events as AuditEventRecord[]);
    res.json({ stored });
  });

  router.post('/organizations/public-publisher', async (req, res) => {
    const { organizationId } = req.body as { organizationId?: unknown };
    if (!isWellFormedId(organizationId)) {
      res.status(400).json({ error: 'organizationId is required' });
      return;
    }
    const marked = await deps.repositories.organizations.markPublicPublisher(organizationId);
    res.status(marked ? 200 : 404).json({ ok: marked });
  });

  router.post('/teams', async (req, res) => {
    const ids: unknown = (req.body as { ids?: unknown }).ids;
    if (!Array.isArray(ids) || ids.length > 500) {
      res.status(400).json({ error: 'ids must be an array of at most 500 ids' });
      return;
    }
    const teams = await deps.repositories.teams.findLiveByIds(ids.filter(isWellFormedId));
    res.json({ teams: teams.map((team) => ({ id: team.id, organizationId: team.organizationId })) });
  });

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
