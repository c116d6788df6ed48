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
 * Organization roles by power, for "never above" comparisons (API keys, invitations). AUDITOR
 * reads everything but changes nothing, so it ranks lowest.
 */
export const ORG_ROLE_RANK: Record<OrgRole, number> = { OWNER: 4, ADMIN: 3, MEMBER: 2, AUDITOR: 1 };

export function isRoleAbove(role: OrgRole, other: OrgRole): boolean {
  return ORG_ROLE_RANK[role] > ORG_ROLE_RANK[other];
}
