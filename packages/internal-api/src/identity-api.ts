import { auditBatchSchema } from '@controlplane/audit';
import { endUserPrincipalSchema, type ServiceName } from '@controlplane/auth';
import { z } from 'zod';
import { defineEndpoint } from './endpoint';

/** The most team ids one /internal/teams call may ask about. */
export const MAX_TEAM_IDS = 500;

/**
 * The audit actions each service may report to identity's trail, by prefix: its own domain only,
 * so a service cannot write another's events (the catalog cannot report `organization.delete`).
 */
export const AUDIT_ACTION_PREFIXES = {
  workspace: ['workspace.', 'design.', 'environment.', 'connection.', 'deployment.', 'policy.'],
  catalog: ['catalog.'],
} as const satisfies Partial<Record<ServiceName, readonly string[]>>;

/** Endpoints of the identity service. */
export const identityApi = {
  /**
   * Who a bearer credential (a user's JWT or an API key) belongs to, with the memberships it
   * holds now. The gateway asks once per request, so a role change counts on the next one.
   */
  principal: defineEndpoint({
    service: 'identity',
    path: '/internal/principal',
    callers: ['gateway'],
    readOnly: true,
    request: z.object({ credential: z.string().min(1).max(4096) }),
    response: z.object({ principal: endUserPrincipalSchema }),
    refusals: { invalidCredential: 401 },
  }),

  /**
   * Which organization each live team belongs to (workspace checks grants against it); unknown
   * or deleted teams are left out.
   */
  teamOwners: defineEndpoint({
    service: 'identity',
    path: '/internal/teams',
    callers: ['workspace'],
    readOnly: true,
    // Ids as the caller holds them: the route ignores any that cannot exist.
    request: z.object({ ids: z.array(z.string().max(100)).max(MAX_TEAM_IDS) }),
    response: z.object({ teams: z.array(z.object({ id: z.string(), organizationId: z.string() })) }),
    refusals: {},
  }),

  /**
   * Audit events relayed from the other subgraphs' outboxes; an id already stored is skipped.
   * Identity stores only events of the caller's own actions (AUDIT_ACTION_PREFIXES) for
   * organizations that exist, and sets their time itself (see its route); the others are counted
   * as `refused` and dropped, so a bad event cannot block the sender's outbox.
   */
  auditEvents: defineEndpoint({
    service: 'identity',
    path: '/internal/audit-events',
    callers: ['workspace', 'catalog'],
    request: auditBatchSchema,
    response: z.object({ stored: z.number().int().min(0), refused: z.number().int().min(0) }),
    refusals: {},
  }),

  /**
   * The catalog is about to show a PUBLIC item of this organization: its profile becomes public
   * first. A deleted organization is refused: nothing of it may become public.
   */
  publicPublisher: defineEndpoint({
    service: 'identity',
    path: '/internal/organizations/public-publisher',
    callers: ['catalog'],
    request: z.object({ organizationId: z.guid() }),
    response: z.object({}),
    refusals: { organizationGone: 404 },
  }),
};
