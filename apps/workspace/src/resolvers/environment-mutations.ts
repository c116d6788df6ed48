import { parseInput } from '@controlplane/graphql-kit';
import { requireConnection, requireConnectionOf, requireEnvironment, requireOrganization } from '../policy';
import {
  connectionSettingsFor,
  createConnectionInput,
  createEnvironmentInput,
  updateConnectionInput,
  updateNamedInput,
} from '../validation';
import { changesData } from './changes-data';
import type { MutationResolvers } from './schema-types.generated';

/** Environments and connections, organization resources; each subject comes from the policy. */
export const environmentMutations = {
  createEnvironment: changesData(async (_parent, args, context) => {
    const input = parseInput(createEnvironmentInput, args.input, 'input');
    requireOrganization(input.organizationId, 'change', context);
    return context.services.environments.createEnvironment(context.viewer, input);
  }),
  updateEnvironment: changesData(async (_parent, args, context) => {
    const input = parseInput(updateNamedInput, args.input, 'input');
    const environment = await requireEnvironment(args.id, 'change', context);
    return context.services.environments.updateEnvironment(context.viewer, environment, input);
  }),
  deleteEnvironment: changesData(async (_parent, args, context) =>
    context.services.environments.deleteEnvironment(
      context.viewer,
      await requireEnvironment(args.id, 'change', context),
    ),
  ),

  createConnection: changesData(async (_parent, args, context) => {
    const input = parseInput(createConnectionInput, args.input, 'input');
    requireOrganization(input.organizationId, 'change', context);
    const settings = connectionSettingsFor(input.kind, input.settings);
    return context.services.environments.createConnection(context.viewer, { ...input, settings });
  }),
  updateConnection: changesData(async (_parent, args, context) => {
    const input = parseInput(updateConnectionInput, args.input, 'input');
    const connection = await requireConnection(args.id, 'change', context);
    const settings = connectionSettingsFor(connection.kind, input.settings);
    return context.services.environments.updateConnection(context.viewer, connection, { ...input, settings });
  }),
  deleteConnection: changesData(async (_parent, args, context) =>
    context.services.environments.deleteConnection(
      context.viewer,
      await requireConnection(args.id, 'change', context),
    ),
  ),

  attachConnection: changesData(async (_parent, args, context) => {
    const environment = await requireEnvironment(args.environmentId, 'change', context);
    const connection = await requireConnectionOf(environment, args.connectionId, context);
    return context.services.environments.attachConnection(context.viewer, environment, connection);
  }),
  detachConnection: changesData(async (_parent, args, context) => {
    const environment = await requireEnvironment(args.environmentId, 'change', context);
    const connection = await requireConnectionOf(environment, args.connectionId, context);
    return context.services.environments.detachConnection(context.viewer, environment, connection);
  }),
} satisfies MutationResolvers;
