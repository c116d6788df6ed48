import { join, relative } from 'node:path';
import { apiSchemaSdl, generateOperationTypes, ROOT } from './operation-types';

const CLIENT_DIR = join(ROOT, 'packages', 'client');

/**
 * `@controlplane/client`'s generated files: the typed documents of its operations
 * (`src/operations/*.graphql`) under `src/generated/`, and the API schema it ships as
 * `schema.graphql` so partners can generate types for operations of their own. Returns file path
 * -> content, written by `npm run codegen` (tests/console-types.test.ts fails when stale).
 */
export async function generateClientTypes(): Promise<Record<string, string>> {
  const operations = await generateOperationTypes({
    documents: [`${relative(ROOT, CLIENT_DIR)}/src/operations/*.graphql`],
    outputDir: relative(ROOT, join(CLIENT_DIR, 'src', 'generated')),
  });
  const schema =
    '# The API schema of the gateway, from apps/gateway/supergraph.graphql (npm run codegen): do not edit.\n' +
    apiSchemaSdl() +
    '\n';
  return { ...operations, [join(CLIENT_DIR, 'schema.graphql')]: schema };
}
