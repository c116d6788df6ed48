import { randomBytes } from 'node:crypto';
import type { OrgRole, Viewer } from '@controlplane/auth';
import { badUserInput, conflict, isUniqueViolation } from '@controlplane/errors';
import {
  type AuditMetadata,
  auditEventsOn,
  changedFields,
  createAudited,
  newIntegrationEvent,
  organizationEvent,
} from '@controlplane/audit';
import { loadPage, slugFromName, type Page, type PageArgs } from '@controlplane/graphql-kit';
import { requireMayChangeMembership, requireOrganizationMember, requireUserId } from '../policy';
import type { IdentityRepositories, Transact } from '../repositories';
import type { MembershipRecord, OrganizationRecord } from '../repositories/organization-repository';

export type CreateOrganization = {
  name: string;
  slug?: string | undefined;
  description?: string | null | undefined;
};
export type UpdateOrganization = { name?: string | undefined; description?: string | null | undefined };

/** Events on a member (the user) of an organization. */
const memberEvent = (organizationId: string, userId: string, action: string, metadata: AuditMetadata) =>
  auditEventsOn('User')({ id: userId, organizationId }, action, metadata);

export function createOrganizationService(deps: { repositories: IdentityRepositories; transact: Transact }) {
  const { repositories, transact } = deps;
  const audited = createAudited(transact);

  /** A derived slug that clashes gets a short random suffix; a chosen one that clashes is a CONFLICT. */
  async function pickSlug(input: CreateOrganization): Promise<{ slug: string; chosen: boolean }> {
    if (input.slug !== undefined) return { slug: input.slug, chosen: true };
    const base = slugFromName(input.name, 'org', 40);
    if (!(await repositories.organizations.slugExists(base))) return { slug: base, chosen: false };
    return { slug: `${base}-${randomBytes(3).toString('hex')}`, chosen: false };
  }

  /**
   * A change to a member's role (null: the member goes), checked with the organization locked so
   * that no concurrent change can race it: the policy judges the membership read under the lock,
   * and at least one OWNER always remains.
   */
  async function lockedMembershipChange(
    repos: IdentityRepositories,
    viewer: Viewer,
    change: { organizationId: string; userId: string; newRole: OrgRole | null },
  ): Promise<MembershipRecord> {
    const { organizationId, userId, newRole } = change;
    await repos.organizations.lock(organizationId);
    const target = await requireOrganizationMember(repos, organizationId, userId);
    requireMayChangeMembership(viewer, { target, newRole });
    if (
      target.role === 'OWNER' &&
      newRole !== 'OWNER' &&
      (await repos.organizations.countOwners(organizationId)) <= 1
    ) {
      throw badUserInput(
        'userId',
        'the last OWNER cannot leave, be removed or be demoted; make another member OWNER first',
      );
    }
    return target;
  }

  /**
   * Takes a member out of an organization with everything their membership carried: teams, the
   * API keys they made, and the invitations they sent and nobody accepted yet.
   */
  async function detachMember(
    repos: IdentityRepositories,
    organizationId: string,
    userId: string,
  ): Promise<void> {
    await repos.teams.removeUserFromOrganizationTeams(organizationId, userId);
    await repos.apiKeys.revokeCreatedBy(organizationId, userId);
    await repos.invitations.revokePendingInvitedBy(organizationId, userId);
    await repos.organizations.deleteMembership(organizationId, userId);
  }

  /** A member goes (`member.remove`) or leaves (`member.leave`), with all their membership carried. */
  async function endMembership(
    viewer: Viewer,
    change: { organizationId: string; userId: string; action: 'member.remove' | 'member.leave' },
  ): Promise<void> {
    const { organizationId, userId, action } = change;
    await audited(
      viewer,
      async (repos) => {
        const target = await lockedMembershipChange(repos, viewer, { organizationId, userId, newRole: null });
        await detachMember(repos, organizationId, userId);
        return target;
      },
      (target) => memberEvent(organizationId, userId, action, { role: target.role }),
    );
  }

  return {
    async create(viewer: Viewer, input: CreateOrganization): Promise<OrganizationRecord> {
      const ownerId = requireUserId(viewer);
      const { slug, chosen } = await pickSlug(input);
      try {
        const created = await audited(
          viewer,
          (repos) =>
            repos.organizations.createWithOwner({
              slug,
              name: input.name,
              description: input.description ?? null,
              ownerId,
            }),
          (organization) => organizationEvent(organization.id, 'organization.create', { slug }),
        );
        viewer.recordMembership(created.id, 'OWNER');
        return created;
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw conflict(
            chosen
              ? 'input.slug: is already taken'
              : 'input.name: an organization with a similar name was just created; try again',
          );
        }
        throw error;
      }
    },

    update(viewer: Viewer, id: string, input: UpdateOrganization): Promise<OrganizationRecord> {
      return audited(
        viewer,
        (repos) => repos.organizations.update(id, input),
        () => organizationEvent(id, 'organization.update', { changed: changedFields(input) }),
      );
    },

    /**
     * Soft delete: the organization and everything in it disappear for every caller at once. The
     * catalog learns it through the outbox and withdraws what the organization published.
     */
    async delete(viewer: Viewer, id: string): Promise<boolean> {
      await transact(async (repos) => {
        await repos.organizations.softDelete(id);
        await repos.audit.record(viewer, organizationEvent(id, 'organization.delete'));
        await repos.events.publish(newIntegrationEvent('organization.deleted', { organizationId: id }));
      });
      viewer.recordMembership(id, undefined);
      return true;
    },

    listMembers(organizationId: string, args: PageArgs): Promise<Page<MembershipRecord>> {
      return loadPage(args, 50, {
        rows: ({ take, after }) => repositories.organizations.findMemberPage(organizationId, take, after),
        count: () => repositories.organizations.countMembers(organizationId),
        cursorOf: (row) => ({ at: row.joinedAt, id: row.userId }),
      });
    },

    async setMemberRole(
      viewer: Viewer,
      organizationId: string,
      userId: string,
      role: OrgRole,
    ): Promise<MembershipRecord> {
      const changed = await transact(async (repos) => {
        const target = await lockedMembershipChange(repos, viewer, { organizationId, userId, newRole: role });
        const membership = await repos.organizations.setRole(organizationId, userId, role);
        await repos.audit.record(
          viewer,
          memberEvent(organizationId, userId, 'member.role.set', { from: target.role, to: role }),
        );
        return membership;
      });
      if (userId === viewer.userId) viewer.recordMembership(organizationId, role);
      return changed;
    },

    async removeMember(viewer: Viewer, organizationId: string, userId: string): Promise<boolean> {
      await endMembership(viewer, { organizationId, userId, action: 'member.remove' });
      if (userId === viewer.userId) viewer.recordMembership(organizationId, undefined);
      return true;
    },

    async leave(viewer: Viewer, organizationId: string): Promise<boolean> {
      const userId = requireUserId(viewer);
      await endMembership(viewer, { organizationId, userId, action: 'member.leave' });
      viewer.recordMembership(organizationId, undefined);
      return true;
    },
  };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;
