import { isWellFormedId } from '@controlplane/graphql-kit';
import { identityApi, implement, refuse, type InternalRoute } from '@controlplane/internal-api';
import type { IdentityRepositories } from './repositories';
import type { AuditIngest } from './services/audit-ingest';
import type { AuthService } from './services/auth-service';

/**
 * The service-to-service endpoints identity serves (their contracts: internal-api's identityApi).
 * None decides on a caller's rights beyond the callers each endpoint accepts.
 */
export function createInternalRoutes(deps: {
  auth: AuthService;
  auditIngest: AuditIngest;
  repositories: IdentityRepositories;
}): InternalRoute[] {
  return [
    implement(identityApi.principal, async ({ credential }) => {
      const principal = await deps.auth.resolvePrincipal(credential);
      if (principal?.kind !== 'user' && principal?.kind !== 'apiKey') return refuse('invalidCredential');
      return { principal };
    }),

    implement(identityApi.teamOwners, async ({ ids }) => {
      const teams = await deps.repositories.teams.findLiveByIds(ids.filter(isWellFormedId));
      return { teams };
    }),

    implement(identityApi.auditEvents, ({ events }, call) => deps.auditIngest.ingest(call.caller, events)),

    implement(identityApi.publicPublisher, async ({ organizationId }) =>
      (await deps.repositories.organizations.markPublicPublisher(organizationId))
        ? {}
        : refuse('organizationGone'),
    ),
  ];
}
