import { byKey, groupByKey, type SubgraphContext } from '@controlplane/graphql-kit';
import DataLoader from 'dataloader';
import type { OrganizationRecord, OrganizationRepository } from './repositories/organization-repository';
import type { TeamMembershipRecord, TeamRecord, TeamRepository } from './repositories/team-repository';
import type { UserRecord, UserRepository } from './repositories/user-repository';
import type { AuthService } from './services/auth-service';
import type { OrganizationService } from './services/organization-service';

export type IdentityRepositories = {
  users: UserRepository;
  organizations: OrganizationRepository;
  teams: TeamRepository;
};

export type IdentityServices = { auth: AuthService; organizations: OrganizationService };

export type IdentityContext = SubgraphContext & {
  repositories: IdentityRepositories;
  services: IdentityServices;
  loaders: ReturnType<typeof createLoaders>;
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
    team: new DataLoader<string, TeamRecord | null>(async (ids) =>
      byKey(ids, await repositories.teams.findLiveByIds(ids), (team) => team.id),
    ),
    teamsOfOrganization: new DataLoader<string, TeamRecord[]>(async (ids) =>
      groupByKey(ids, await repositories.teams.findByOrganizations(ids), (team) => team.organizationId),
    ),
    membersOfTeam: new DataLoader<string, TeamMembershipRecord[]>(async (ids) =>
      groupByKey(ids, await repositories.teams.findMembershipsOfTeams(ids), (membership) => membership.teamId),
    ),
  };
}
