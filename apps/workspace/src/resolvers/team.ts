import { visibleGrants } from '../policy';
import type { TeamResolvers } from './schema-types.generated';

/** Identity owns teams; this subgraph adds the team's grants on workspaces the caller may see. */
export const Team = {
  __resolveReference: (reference) => ({ id: reference.id }),
  workspaceGrants: async (team, _args, context) =>
    visibleGrants(await context.loaders.grantsOfTeam.load(team.id), context),
} satisfies TeamResolvers;
