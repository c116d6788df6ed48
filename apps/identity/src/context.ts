import { byKey, groupByKey } from '@controlplane/graphql-kit';
import type { SubgraphContext } from '@controlplane/subgraph';
import DataLoader from 'dataloader';
import type { IdentityRepositories } from './repositories';
import type { ApiKeyRecord } from './repositories/api-key-repository';
import type { InvitationRecord } from './repositories/invitation-repository';
import type {
  MembershipRecord,
  OrganizationProfileRecord,
  OrganizationRecord,
} from './repositories/organization-repository';
import type { TeamMembershipRecord, TeamRecord } from './repositories/team-repository';
import type { UserRecord } from './repositories/user-repository';
import type { ApiKeyService } from './services/api-key-service';
import type { AuthService } from './services/auth-service';
import type { InvitationService } from './services/invitation-service';
import type { OrganizationService } from './services/organization-service';
import type { TeamService } from './services/team-service';
import type { WebhookRecord } from './webhooks/webhook-repository';
import type { WebhookService } from './webhooks/webhook-service';

export type IdentityServices = {
  auth: AuthService;
  organizations: OrganizationService;
  teams: TeamService;
  invitations: InvitationService;
  apiKeys: ApiKeyService;
  webhooks: WebhookService;
};

export type IdentityContext = SubgraphContext & {
  repositories: IdentityRepositories;
  services: IdentityServices;
  loaders: IdentityLoaders;
};

/** Per-request batching: one query per kind of object, however many the response holds. */
export function createLoaders(repositories: IdentityRepositories) {
  return {
    user: new DataLoader<string, UserRecord | null>(async (ids) =>
      byKey(ids, await repositories.users.findManyByIds(ids), (user) => user.id),
    ),
    organization: new DataLoader<string, OrganizationRecord | null>(async (ids) =>
      byKey(ids, await repositories.organizations.findLiveByIds(ids), (organization) => organization.id),
    ),
    /** Profiles, deleted organizations included: only canSeeOrganization decides who sees one. */
    organizationProfile: new DataLoader<string, OrganizationProfileRecord | null>(async (ids) =>
      byKey(ids, await repositories.organizations.findProfilesByIds(ids), (organization) => organization.id),
    ),
    /** Query.organization by slug: its shield rule and its resolver share one lookup. */
    organizationProfileBySlug: new DataLoader<string, OrganizationProfileRecord | null>(async (slugs) =>
      byKey(
        slugs,
        await repositories.organizations.findProfilesBySlugs(slugs),
        (organization) => organization.slug,
      ),
    ),
    membershipsOfUser: new DataLoader<string, MembershipRecord[]>(async (ids) =>
      groupByKey(
        ids,
        await repositories.organizations.findMembershipsOfUsers(ids),
        (membership) => membership.userId,
      ),
    ),
    team: new DataLoader<string, TeamRecord | null>(async (ids) =>
      byKey(ids, await repositories.teams.findLiveByIds(ids), (team) => team.id),
    ),
    teamsOfOrganization: new DataLoader<string, TeamRecord[]>(async (ids) =>
      groupByKey(ids, await repositories.teams.findByOrganizations(ids), (team) => team.organizationId),
    ),
    membersOfTeam: new DataLoader<string, TeamMembershipRecord[]>(async (ids) =>
      groupByKey(
        ids,
        await repositories.teams.findMembershipsOfTeams(ids),
        (membership) => membership.teamId,
      ),
    ),
    invitation: new DataLoader<string, InvitationRecord | null>(async (ids) =>
      byKey(ids, await repositories.invitations.findByIds(ids), (invitation) => invitation.id),
    ),
    apiKey: new DataLoader<string, ApiKeyRecord | null>(async (ids) =>
      byKey(ids, await repositories.apiKeys.findByIds(ids), (key) => key.id),
    ),
    webhook: new DataLoader<string, WebhookRecord | null>(async (ids) =>
      byKey(ids, await repositories.webhooks.findByIds(ids), (webhook) => webhook.id),
    ),
  };
}

export type IdentityLoaders = ReturnType<typeof createLoaders>;
