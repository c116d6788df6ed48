import { parseInput } from '@controlplane/graphql-kit';
import { z } from 'zod';
import { requireDeployment } from '../policy/deployments';
import { changesData } from './changes-data';
import type { MutationResolvers } from './schema-types.generated';

const deployDesignInput = z.object({
  designId: z.string(),
  environmentId: z.string(),
  revision: z.number().int().min(1, 'must be a revision number, from 1').nullish(),
  dryRun: z.boolean().nullish(),
});

/** Deployments: the policy hands over the design and environment it authorized; the service records the job. */
export const deploymentMutations = {
  deployDesign: changesData(async (_parent, args, context) => {
    const input = parseInput(deployDesignInput, args.input, 'input');
    const { design, environment } = await requireDeployment(input.designId, input.environmentId, context);
    return context.services.deployments.deploy(context.viewer, design, environment, input);
  }),
  undeployDesign: changesData(async (_parent, args, context) => {
    const { design, environment } = await requireDeployment(args.designId, args.environmentId, context);
    return context.services.deployments.undeploy(context.viewer, design, environment);
  }),
} satisfies MutationResolvers;
