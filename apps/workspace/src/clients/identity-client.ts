import type { Viewer } from '@controlplane/auth';
import { identityApi, MAX_TEAM_IDS, type ServiceCaller } from '@controlplane/internal-api';
import DataLoader from 'dataloader';

/** What workspace asks identity (which owns teams), for one request. */
export type IdentityClient = {
  /** The organization of each live team among `teamIds`; unknown and deleted teams are left out. */
  organizationsOfTeams(teamIds: readonly string[]): Promise<Map<string, string>>;
};

/**
 * Identity's answers for the request of `viewer`: the team lookups of one request (the grants of
 * every workspace in a list, say) are batched into one call, and each team is asked about once.
 */
export function createIdentityClient(internalApi: ServiceCaller, viewer: Viewer): IdentityClient {
  const organizationOfTeam = new DataLoader<string, string | null>(
    async (ids) => {
      const { teams } = await internalApi.call(identityApi.teamOwners, { ids: [...ids] }, viewer);
      const owners = new Map(teams.map((team) => [team.id, team.organizationId]));
      return ids.map((id) => owners.get(id) ?? null);
    },
    { maxBatchSize: MAX_TEAM_IDS },
  );
  return {
    async organizationsOfTeams(teamIds) {
      const unique = [...new Set(teamIds)];
      const owners = await organizationOfTeam.loadMany(unique);
      const found = new Map<string, string>();
      unique.forEach((teamId, index) => {
        const owner = owners[index];
        if (owner instanceof Error) throw owner;
        if (owner !== undefined && owner !== null) found.set(teamId, owner);
      });
      return found;
    },
  };
}
