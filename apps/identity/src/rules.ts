import { ORG_ADMINS, hasOrgRole, rule, type IRule, type OrgRole } from '@controlplane/auth';
import { forbidden, notFound, unauthenticated } from '@controlplane/errors';
import { isWellFormedId } from '@controlplane/graphql-kit';
import type { IdentityContext } from './context';
import type { TeamRecord } from './repositories/team-repository';

type Args = Record<string, any>;

/** Loads a team by an id argument; an id that cannot exist is simply not found. */
export function loadTeam(id: unknown, context: IdentityContext): Promise<TeamRecord | null> {
  return isWellFormedId(id) ? context.loaders.team.load(id) : Promise.resolve(null);
}

/** The caller holds one of `roles` in the organization named by argument `name` (or `input.name`). */
export function orgRoleByArgument(roles: readonly OrgRole[], name: string): IRule {
  return hasOrgRole({
    roles,
    typeName: 'Organization',
    organizationOf: (_parent, args: Args) => (args.input !== undefined && name in args.input ? args.input[name] : args[name]),
  });
}

/** The caller holds one of `roles` in the organization that owns the object loaded from argument `name`. */
export function orgRoleByObject(
  roles: readonly OrgRole[],
  name: string,
  typeName: string,
  load: (id: string, context: IdentityContext) => Promise<{ organizationId: string } | null>,
): IRule {
  return hasOrgRole({
    roles,
    typeName,
    organizationOf: async (_parent, args: Args, context: IdentityContext) =>
      isWellFormedId(args[name]) ? (await load(args[name], context))?.organizationId : null,
  });
}

/**
 * Org OWNER/ADMIN, or a MAINTAINER of the team named by `teamArgument`. With `allowSelf`, a team
 * member may also act on itself (leave the team).
 */
export function canManageTeam(teamArgument: string, options: { allowSelf?: boolean } = {}): IRule {
  return rule({ cache: 'no_cache' })(async (_parent, args: Args, context: IdentityContext) => {
    const { viewer } = context;
    if (!viewer.isAuthenticated) return unauthenticated();
    const team = await loadTeam(args[teamArgument], context);
    if (team === null || !viewer.isMemberOf(team.organizationId)) return notFound('Team');
    if (viewer.hasRoleIn(team.organizationId, ORG_ADMINS) || viewer.teamRole(team.id) === 'MAINTAINER') return true;
    if (options.allowSelf === true && args.userId === viewer.userId && viewer.teamRole(team.id) !== undefined) return true;
    return forbidden();
  });
}
