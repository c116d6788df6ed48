import { ORG_ADMINS, rule, type IRule } from '@controlplane/auth';
import { forbidden, notFound, unauthenticated } from '@controlplane/errors';
import { isWellFormedId } from '@controlplane/graphql-kit';
import type { IdentityContext } from './context';
import type { TeamRecord } from './repositories/team-repository';

type Args = Record<string, any>;

/** Loads a team by an id argument; an id that cannot exist is simply not found. */
export function loadTeam(id: unknown, context: IdentityContext): Promise<TeamRecord | null> {
  return isWellFormedId(id) ? context.loaders.team.load(id) : Promise.resolve(null);
}

export const loadInvitation = (id: unknown, context: IdentityContext) =>
  isWellFormedId(id) ? context.loaders.invitation.load(id) : Promise.resolve(null);

export const loadApiKey = (id: unknown, context: IdentityContext) =>
  isWellFormedId(id) ? context.loaders.apiKey.load(id) : Promise.resolve(null);

/**
 * Org OWNER/ADMIN, or a MAINTAINER of the team named by `teamArgument` unless its organization
 * role is read-only (an AUDITOR changes nothing, whatever its teams). With `allowSelf`, a team
 * member may also act on itself (leave the team).
 */
export function canManageTeam(teamArgument: string, options: { allowSelf?: boolean } = {}): IRule {
  return rule({ cache: 'no_cache' })(async (_parent, args: Args, context: IdentityContext) => {
    const { viewer } = context;
    if (!viewer.isAuthenticated) return unauthenticated();
    const team = await loadTeam(args[teamArgument], context);
    if (team === null || !viewer.isMemberOf(team.organizationId)) return notFound('Team');
    if (viewer.hasRoleIn(team.organizationId, ORG_ADMINS)) return true;
    if (viewer.teamRole(team.id) === 'MAINTAINER' && viewer.canChangeIn(team.organizationId)) return true;
    if (options.allowSelf === true && args.userId === viewer.userId && viewer.teamRole(team.id) !== undefined)
      return true;
    return forbidden();
  });
}

export const AUDIT_READERS = ['OWNER', 'ADMIN', 'AUDITOR'] as const;
export const MAX_AUDITED_ORGANIZATIONS = 50;

/**
 * auditLog: the caller must be OWNER, ADMIN or AUDITOR in every listed organization. One answer
 * for every refusal, so the request cannot tell which listed organizations exist.
 */
export const canReadAuditLog: IRule = rule({ cache: 'no_cache' })((
  _parent,
  args: { organizationIds: string[] },
  context: IdentityContext,
) => {
  const { viewer } = context;
  if (!viewer.isAuthenticated) return unauthenticated();
  // Counted as the resolver counts them, repeats removed: a list the resolver accepts is always checked.
  const ids = [...new Set(args.organizationIds)];
  if (ids.length === 0 || ids.length > MAX_AUDITED_ORGANIZATIONS) return true; // the resolver rejects the input
  return ids.every((id) => viewer.hasRoleIn(id, AUDIT_READERS))
    ? true
    : forbidden('The audit log is readable only for organizations where you are OWNER, ADMIN or AUDITOR.');
});
