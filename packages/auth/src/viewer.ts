import { ANONYMOUS, isReadOnlyRole, type OrgRole, type Principal, type TeamRole } from './principal';

export type Actor = { type: 'USER' | 'API_KEY' | 'SYSTEM'; id: string | null; displayName: string | null };

/**
 * The caller of one request, never null: an anonymous caller is a Viewer too, so resolvers and
 * rules ask questions instead of checking for undefined.
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

  constructor(
    readonly principal: Principal = ANONYMOUS,
    readonly requestId: string = 'none',
  ) {
    if (principal.kind === 'user') {
      this.orgRoles = new Map(principal.organizations.map((grant) => [grant.organizationId, grant.role]));
      this.teamRoles = new Map(principal.teams.map((grant) => [grant.teamId, grant.role]));
      this.teamOrganizations = new Map(principal.teams.map((grant) => [grant.teamId, grant.organizationId]));
    } else if (principal.kind === 'apiKey') {
      this.orgRoles = new Map([[principal.organizationId, principal.role]]);
      this.teamRoles = new Map();
      this.teamOrganizations = new Map();
    } else {
      this.orgRoles = new Map();
      this.teamRoles = new Map();
      this.teamOrganizations = new Map();
    }
  }

  get isAuthenticated(): boolean {
    return this.principal.kind !== 'anonymous';
  }

  /** The signed-in user's id; undefined for anonymous callers and API keys. */
  get userId(): string | undefined {
    return this.principal.kind === 'user' ? this.principal.userId : undefined;
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
    if (this.principal.kind !== 'user') return;
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
    if (this.principal.kind !== 'user') return;
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
    switch (this.principal.kind) {
      case 'user':
        return { type: 'USER', id: this.principal.userId, displayName: this.principal.displayName };
      case 'apiKey':
        return { type: 'API_KEY', id: this.principal.apiKeyId, displayName: this.principal.name };
      default:
        return { type: 'SYSTEM', id: null, displayName: null };
    }
  }
}
