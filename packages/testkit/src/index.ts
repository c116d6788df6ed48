export { startStack, SUBGRAPH_NAMES } from './stack';
export type { Stack, StackOptions, SubgraphName } from './stack';
export { useStack } from './use-stack';
export type { UseStackOptions } from './use-stack';
export { createClient, graphql, errorCodes, expectData } from './client';
export type { Credential, GraphQLClient, GraphQLResponse, GraphQLErrorShape } from './client';
export type { ServiceClient } from './service';
export { postSigned, signedHeaders } from './signed-request';
export type { SignedCall } from './signed-request';
export { rejectionOf } from './rejection';
export { createFactories, unique, TEST_PASSWORD } from './factories';
export type { Factories, TestCatalogVersion, TestUser, TestOrganization, TestWorkspace } from './factories';
export {
  testDatabaseUrl,
  recreateDatabase,
  dropDatabase,
  withAdminClient,
  migrateDatabase,
  createIsolatedDatabase,
  createEmptyDatabase,
} from './database';
