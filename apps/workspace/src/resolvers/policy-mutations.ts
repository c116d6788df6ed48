import { createPolicyInput, parsePolicyInput, updatePolicyInput } from '../compliance/policy-input';
import { requirePolicies, requirePolicy, requirePolicyCopy } from '../policy/compliance';
import { changesData } from './changes-data';
import type { MutationResolvers } from './schema-types.generated';

/** Policies: the policy module authorizes; inputs compile their expression; the service records the change. */
export const policyMutations = {
  createPolicy: changesData(async (_parent, args, context) => {
    const { organizationId, ...fields } = parsePolicyInput(createPolicyInput, args.input);
    requirePolicies(organizationId, 'change', context);
    return context.services.policies.create(context.viewer, organizationId, fields);
  }),
  updatePolicy: changesData(async (_parent, args, context) => {
    const fields = parsePolicyInput(updatePolicyInput, args.input);
    const policy = await requirePolicy(args.id, 'change', context);
    return context.services.policies.update(context.viewer, policy, fields);
  }),
  deletePolicy: changesData(async (_parent, args, context) =>
    context.services.policies.delete(context.viewer, await requirePolicy(args.id, 'change', context)),
  ),
  copyPolicies: changesData(async (_parent, args, context) => {
    requirePolicyCopy(args.fromOrganizationId, args.toOrganizationId, context);
    const sources = await context.loaders.policiesOfOrganization.load(args.fromOrganizationId);
    return context.services.policies.copy(
      context.viewer,
      sources,
      args.fromOrganizationId,
      args.toOrganizationId,
    );
  }),
} satisfies MutationResolvers;
