import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { generateClientTypes } from './client-types';
import { generateConsoleTypes } from './console-types';
import {
  generateResolverTypes,
  RESOLVER_TYPES,
  resolverTypesPath,
  type SubgraphWithTypes,
} from './resolver-types';

/** The operation types written from the supergraph, by the flag that checks them. */
const OPERATION_TYPES = {
  '--check-console': generateConsoleTypes,
  '--check-client': generateClientTypes,
} as const;

/**
 * `npm run codegen`: writes each subgraph's resolver types from its SDL, and the operation types
 * of the console and of `@controlplane/client`. With `--check-console` or `--check-client`, writes
 * nothing and exits 1 when those committed files differ from what it would write
 * (tests/console-types.test.ts runs both).
 */
async function main(): Promise<void> {
  const check = Object.entries(OPERATION_TYPES).find(([flag]) => process.argv.includes(flag));
  if (check !== undefined) {
    const files = await check[1]();
    const stale = Object.entries(files).filter(([path, content]) => {
      try {
        return readFileSync(path, 'utf8') !== content;
      } catch {
        return true;
      }
    });
    for (const [path] of stale)
      console.error(`stale: ${relative(process.cwd(), path)} (run npm run codegen)`);
    process.exit(stale.length === 0 ? 0 : 1);
  }
  for (const subgraph of Object.keys(RESOLVER_TYPES) as SubgraphWithTypes[]) {
    writeFileSync(resolverTypesPath(subgraph), await generateResolverTypes(subgraph));
    console.log(`wrote ${resolverTypesPath(subgraph)}`);
  }
  for (const generateOperations of Object.values(OPERATION_TYPES)) {
    for (const [path, content] of Object.entries(await generateOperations())) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      console.log(`wrote ${path}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
