import {
  ANONYMOUS,
  endUserOf,
  isReadOnlyRole,
  type EndUserPrincipal,
  type OrgRole,
  type Principal,
  type ServiceName,
  type TeamRole,
} from './principal';

export type Actor = { type: 'USER' | 'API_KEY' | 'SYSTEM'; id: string | null; displayName: string | null };

/**
 * The caller of one request, never null: an anonymous caller is a Viewer too, so resolvers and
 * rules ask questions instead of checking for undefined. A service acting for an end user is
 * answered as that user (its memberships, its name in audit events); a service on its own account
 * has no memberships, like an anonymous caller.
 *
 * Memberships start as the gateway forwarded them. A mutation that changes the caller's own
 * memberships records the change here (recordMembership, recordTeamRole), so fields resolved
 * later in the same request (viewerRole, member-only lists) see it; `membershipsChanged` then
 * tells the gateway to refresh the principal for the rest of the request.
 */
export class Viewer {
  private readonly orgRoles: Map<string, OrgRole>;
  private readonly teamRoles: Map<string, TeamRole>;
  /** The organization of each of the caller's teams, so leaving an organization leaves its teams. */
  private readonly teamOrganizations: Map<string, string>;
  private changed = false;
  /** The person (or API key) this request acts for, if any. */
  readonly endUser: EndUserPrincipal | undefined;

  constructor(
    readonly principal: Principal = ANONYMOUS,
    readonly requestId: string = 'none',
  ) {
    const endUser = endUserOf(principal);
    this.endUser = endUser;
    if (endUser?.kind === 'user') {
      this.orgRoles = new Map(endUser.organizations.map((grant) => [grant.organizationId, grant.role]));
      this.teamRoles = new Map(endUser.teams.map((grant) => [grant.teamId, grant.role]));
      this.teamOrganizations = new Map(endUser.teams.map((grant) => [grant.teamId, grant.organizationId]));
    } else if (endUser?.kind === 'apiKey') {
      this.orgRoles = new Map([[endUser.organizationId, endUser.role]]);
      this.teamRoles = new Map();
      this.teamOrganizations = new Map();
    } else {
      this.orgRoles = new Map();
      this.teamRoles = new Map();
      this.teamOrganizations = new Map();
    }
  }

  /** A signed-in user or an API key (also when a service acts for one). */
  get isAuthenticated(): boolean {
    return this.endUser !== undefined;
  }

  /** The service that made this call, when a service called (internal routes); undefined for the gateway's requests. */
  get service(): ServiceName | undefined {
    return this.principal.kind === 'service' ? this.principal.service : undefined;
  }

  /** The signed-in user's id; undefined for anonymous callers and API keys. */
  get userId(): string | undefined {
    return this.endUser?.kind === 'user' ? this.endUser.userId : undefined;
  }

  /** The session of the signed-in user's token; undefined for anonymous callers and API keys. */
  get sessionId(): string | undefined {
    return this.endUser?.kind === 'user' ? this.endUser.sessionId : undefined;
  }

  /** The caller's role in an organization, or undefined when it is not a member. */
  roleIn(organizationId: string): OrgRole | undefined {
    return this.orgRoles.get(organizationId);
  }

  isMemberOf(organizationId: string): boolean {
    return this.orgRoles.has(organizationId);
  }

  hasRoleIn(organizationId: string, roles: readonly OrgRole[]): boolean {
    const role = this.roleIn(organizationId);
    return role !== undefined && roles.includes(role);
  }

  get organizationIds(): string[] {
    return [...this.orgRoles.keys()];
  }

  teamRole(teamId: string): TeamRole | undefined {
    return this.teamRoles.get(teamId);
  }

  get teamIds(): string[] {
    return [...this.teamRoles.keys()];
  }

  /** The caller can change things in this organization: a member, and not a read-only role. */
  canChangeIn(organizationId: string): boolean {
    const role = this.roleIn(organizationId);
    return role !== undefined && !isReadOnlyRole(role);
  }

  /**
   * Records a committed change of the caller's own role in an organization; undefined means it is
   * no longer a member, which also ends its teams there.
   */
  recordMembership(organizationId: string, role: OrgRole | undefined): void {
    if (this.endUser?.kind !== 'user') return;
    if (role !== undefined) this.orgRoles.set(organizationId, role);
    else {
      this.orgRoles.delete(organizationId);
      for (const [teamId, teamOrganization] of this.teamOrganizations) {
        if (teamOrganization === organizationId) this.recordTeamRole(teamId, organizationId, undefined);
      }
    }
    this.changed = true;
  }

  /** Records a committed change of the caller's own team role (undefined: left the team). */
  recordTeamRole(teamId: string, organizationId: string, role: TeamRole | undefined): void {
    if (this.endUser?.kind !== 'user') return;
    if (role === undefined) {
      this.teamRoles.delete(teamId);
      this.teamOrganizations.delete(teamId);
    } else {
      this.teamRoles.set(teamId, role);
      this.teamOrganizations.set(teamId, organizationId);
    }
    this.changed = true;
  }

  /** True once this request changed the caller's own memberships. */
  get membershipsChanged(): boolean {
    return this.changed;
  }

  /** Who to name in audit events. */
  get actor(): Actor {
    const endUser = this.endUser;
    if (endUser?.kind === 'user')
      return { type: 'USER', id: endUser.userId, displayName: endUser.displayName };
    if (endUser?.kind === 'apiKey')
      return { type: 'API_KEY', id: endUser.apiKeyId, displayName: endUser.name };
    return { type: 'SYSTEM', id: null, displayName: null };
  }
}
