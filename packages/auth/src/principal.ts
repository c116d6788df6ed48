import { z } from 'zod';

export const ORG_ROLES = ['OWNER', 'ADMIN', 'MEMBER', 'AUDITOR'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const TEAM_ROLES = ['MAINTAINER', 'MEMBER'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const WORKSPACE_ROLES = ['VIEWER', 'EDITOR', 'ADMIN'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

const organizationGrantSchema = z.object({ organizationId: z.string(), role: z.enum(ORG_ROLES) });
const teamGrantSchema = z.object({
  teamId: z.string(),
  organizationId: z.string(),
  role: z.enum(TEAM_ROLES),
});

export type OrganizationGrant = z.infer<typeof organizationGrantSchema>;
export type TeamGrant = z.infer<typeof teamGrantSchema>;

/** The services of this system: the gateway and the three subgraphs. */
export const SERVICE_NAMES = ['gateway', 'identity', 'workspace', 'catalog'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/**
 * A signed-in person, with the memberships it holds now. `sessionId` names the session of the
 * token it signed in with (identity sets it when it resolves a token), so the identity subgraph
 * can end that session (logOut) or keep it while ending the others (changePassword).
 */
export const userPrincipalSchema = z.object({
  kind: z.literal('user'),
  userId: z.string(),
  sessionId: z.string().optional(),
  displayName: z.string(),
  organizations: z.array(organizationGrantSchema),
  teams: z.array(teamGrantSchema),
});

/** An API key: it acts inside its one organization with `role`. */
export const apiKeyPrincipalSchema = z.object({
  kind: z.literal('apiKey'),
  apiKeyId: z.string(),
  name: z.string(),
  organizationId: z.string(),
  role: z.enum(ORG_ROLES),
});

/** Someone who signed in: a user or an API key. */
export const endUserPrincipalSchema = z.discriminatedUnion('kind', [
  userPrincipalSchema,
  apiKeyPrincipalSchema,
]);

/**
 * A service calling another on its own account (a relay, a reconciler) or, with `actingFor`, on
 * behalf of the end user whose request it is serving: the callee then applies that user's
 * memberships, so a service never sees more than the person it acts for.
 */
export const servicePrincipalSchema = z.object({
  kind: z.literal('service'),
  service: z.enum(SERVICE_NAMES),
  actingFor: endUserPrincipalSchema.optional(),
});

/**
 * Who is calling. The gateway authenticates once (JWT or API key) and forwards the end user,
 * signed, to every subgraph; memberships are read fresh for every request, so a role change or
 * removal takes effect on the very next one. Calls between services carry a service principal.
 */
export const principalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anonymous') }),
  userPrincipalSchema,
  apiKeyPrincipalSchema,
  servicePrincipalSchema,
]);

export type UserPrincipal = z.infer<typeof userPrincipalSchema>;
export type ApiKeyPrincipal = z.infer<typeof apiKeyPrincipalSchema>;
export type EndUserPrincipal = z.infer<typeof endUserPrincipalSchema>;
export type ServicePrincipal = z.infer<typeof servicePrincipalSchema>;
export type Principal = z.infer<typeof principalSchema>;

export const ANONYMOUS: Principal = { kind: 'anonymous' };

/** The end user a principal stands for: itself, the one a service acts for, or none. */
export function endUserOf(principal: Principal): EndUserPrincipal | undefined {
  if (principal.kind === 'user' || principal.kind === 'apiKey') return principal;
  return principal.kind === 'service' ? principal.actingFor : undefined;
}

/** `service` calling on its own account, or for the end user of `on` when there is one. */
export function servicePrincipal(service: ServiceName, on: Principal = ANONYMOUS): ServicePrincipal {
  const actingFor = endUserOf(on);
  return actingFor === undefined ? { kind: 'service', service } : { kind: 'service', service, actingFor };
}

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
