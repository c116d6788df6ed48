import { writeFileSync } from 'node:fs';
import {
  generateResolverTypes,
  RESOLVER_TYPES,
  resolverTypesPath,
  type SubgraphWithTypes,
} from './resolver-types';

/** `npm run codegen`: writes each subgraph's resolver types from its SDL. */
async function main(): Promise<void> {
  for (const subgraph of Object.keys(RESOLVER_TYPES) as SubgraphWithTypes[]) {
    writeFileSync(resolverTypesPath(subgraph), await generateResolverTypes(subgraph));
    console.log(`wrote ${resolverTypesPath(subgraph)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
