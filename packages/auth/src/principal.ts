export const ORG_ROLES = ['OWNER', 'ADMIN', 'MEMBER', 'AUDITOR'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const TEAM_ROLES = ['MAINTAINER', 'MEMBER'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const WORKSPACE_ROLES = ['VIEWER', 'EDITOR', 'ADMIN'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export type OrganizationGrant = { organizationId: string; role: OrgRole };
export type TeamGrant = { teamId: string; organizationId: string; role: TeamRole };

/**
 * Who is calling, as the gateway established it. The gateway authenticates once (JWT or API key)
 * and forwards this, signed, to every subgraph; memberships are read fresh for every request, so a
 * role change or removal takes effect on the very next one.
 */
export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      displayName: string;
      organizations: OrganizationGrant[];
      teams: TeamGrant[];
    }
  | {
      kind: 'apiKey';
      apiKeyId: string;
      name: string;
      /** An API key acts inside this one organization with `role`. */
      organizationId: string;
      role: OrgRole;
    };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

/**
 * Organization roles by power, for "never above" comparisons (invitations, self-promotion).
 * AUDITOR reads everything but changes nothing, so it ranks lowest here; that is not an order of
 * rights (a MEMBER may edit through its teams, an AUDITOR may read every workspace), so API keys
 * use effectiveApiKeyRole instead.
 */
export const ORG_ROLE_RANK: Record<OrgRole, number> = { OWNER: 4, ADMIN: 3, MEMBER: 2, AUDITOR: 1 };

export function isRoleAbove(role: OrgRole, other: OrgRole): boolean {
  return ORG_ROLE_RANK[role] > ORG_ROLE_RANK[other];
}

/** Roles that read but never change anything in their organization, whatever their teams grant. */
export function isReadOnlyRole(role: OrgRole | undefined): boolean {
  return role === 'AUDITOR';
}

/**
 * API key roles by the rights a key actually has. A key carries no team grants, so a MEMBER key
 * reads only what every member reads, while an AUDITOR key also reads every workspace and the
 * audit log: for keys, rights grow strictly along MEMBER < AUDITOR < ADMIN (< OWNER, which no key
 * holds). That makes the intersection of two roles' rights the lower of the two in this chain.
 */
const API_KEY_RIGHTS_RANK: Record<OrgRole, number> = { MEMBER: 1, AUDITOR: 2, ADMIN: 3, OWNER: 4 };

/**
 * The role an API key acts with: the intersection of its own role's rights and its creator's
 * current rights. The creator's team grants never pass to the key, so the creator's side counts
 * only what its organization role gives (never more than the creator may do).
 */
export function effectiveApiKeyRole(keyRole: OrgRole, creatorRole: OrgRole): OrgRole {
  return API_KEY_RIGHTS_RANK[creatorRole] < API_KEY_RIGHTS_RANK[keyRole] ? creatorRole : keyRole;
}
