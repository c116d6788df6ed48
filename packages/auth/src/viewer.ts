import { ANONYMOUS, type OrgRole, type Principal, type TeamRole } from './principal';

export type Actor = { type: 'USER' | 'API_KEY' | 'SYSTEM'; id: string | null; displayName: string | null };

/**
 * The caller of one request, never null: an anonymous caller is a Viewer too, so resolvers and
 * rules ask questions instead of checking for undefined.
 */
export class Viewer {
  private readonly orgRoles: ReadonlyMap<string, OrgRole>;
  private readonly teamRoles: ReadonlyMap<string, TeamRole>;

  constructor(
    readonly principal: Principal = ANONYMOUS,
    readonly requestId: string = 'none',
  ) {
    if (principal.kind === 'user') {
      this.orgRoles = new Map(principal.organizations.map((grant) => [grant.organizationId, grant.role]));
      this.teamRoles = new Map(principal.teams.map((grant) => [grant.teamId, grant.role]));
    } else if (principal.kind === 'apiKey') {
      this.orgRoles = new Map([[principal.organizationId, principal.role]]);
      this.teamRoles = new Map();
    } else {
      this.orgRoles = new Map();
      this.teamRoles = new Map();
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
