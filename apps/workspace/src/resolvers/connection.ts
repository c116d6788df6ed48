import { loadVisibleConnection } from '../policy';
import { loadPresent } from './load-present';
import type { ConnectionResolvers } from './schema-types.generated';

/** A connection reached here was already authorized; its credentials never leave the repository. */
export const Connection = {
  __resolveReference: (reference, context) => loadVisibleConnection(reference.id, context),
  organization: (connection) => ({ id: connection.organizationId }),
  environments: async (connection, _args, context) =>
    loadPresent(
      context.loaders.environment,
      await context.loaders.environmentIdsOfConnection.load(connection.id),
    ),
} satisfies ConnectionResolvers;
