import { parseInput } from '@controlplane/graphql-kit';
import { requireDesign, requireWorkspace } from '../policy';
import { createDesignInput, updateDesignInput } from '../validation';
import { changesData } from './changes-data';
import type { MutationResolvers } from './schema-types.generated';

/** Designs: the policy hands over the design (or workspace) it authorized; the service changes it. */
export const designMutations = {
  createDesign: changesData(async (_parent, args, context) => {
    const input = parseInput(createDesignInput, args.input, 'input');
    const workspace = await requireWorkspace(input.workspaceId, 'editDesigns', context);
    return context.services.designs.create(context.viewer, workspace, input);
  }),
  updateDesign: changesData(async (_parent, args, context) => {
    const input = parseInput(updateDesignInput, args.input, 'input');
    const design = await requireDesign(args.id, 'editDesigns', context);
    return context.services.designs.update(context.viewer, design, input, args.expectedRevision);
  }),
  deleteDesign: changesData(async (_parent, args, context) =>
    context.services.designs.delete(context.viewer, await requireDesign(args.id, 'editDesigns', context)),
  ),
} satisfies MutationResolvers;
