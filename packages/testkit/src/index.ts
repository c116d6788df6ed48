export { startStack, SUBGRAPH_NAMES } from './stack';
export type { Stack, StackOptions, SubgraphName } from './stack';
export { graphql, errorCodes, expectData } from './client';
export type { GraphQLResponse, GraphQLErrorShape } from './client';
export { createFactories, unique, TEST_PASSWORD } from './factories';
export type { Factories, TestUser, TestOrganization, TestWorkspace } from './factories';
export {
  testDatabaseUrl,
  recreateDatabase,
  dropDatabase,
  withAdminClient,
  migrateDatabase,
  createIsolatedDatabase,
} from './database';
