import { createContext, useContext } from 'react';
import type { MeQuery, OrgRole } from './gql/graphql';

export type Me = NonNullable<MeQuery['me']>;
export type Membership = Me['organizations'][number];

export const MeContext = createContext<{ me: Me; refreshMe(): void } | null>(null);

export function useMe(): { me: Me; refreshMe(): void } {
  const value = useContext(MeContext);
  if (value === null) throw new Error('useMe outside a signed-in page');
  return value;
}

/** The caller's role in one organization, from `me` (null when not a member). */
export function useOrgRole(organizationId: string): OrgRole | null {
  const { me } = useMe();
  return me.organizations.find((membership) => membership.organization.id === organizationId)?.role ?? null;
}

export const canAdminister = (role: OrgRole | null | undefined) => role === 'OWNER' || role === 'ADMIN';
export const canAudit = (role: OrgRole | null | undefined) =>
  role === 'OWNER' || role === 'ADMIN' || role === 'AUDITOR';

export const ORG_ROLES: OrgRole[] = ['OWNER', 'ADMIN', 'MEMBER', 'AUDITOR'];

const WORKSPACE_RANK = { VIEWER: 1, EDITOR: 2, ADMIN: 3 } as const;

/** True when a workspace role is at least `needed` (VIEWER < EDITOR < ADMIN). */
export function hasWorkspaceRole(
  role: keyof typeof WORKSPACE_RANK | null | undefined,
  needed: keyof typeof WORKSPACE_RANK,
): boolean {
  return role !== null && role !== undefined && WORKSPACE_RANK[role] >= WORKSPACE_RANK[needed];
}
