import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { generateConsoleTypes } from './console-types';
import {
  generateResolverTypes,
  RESOLVER_TYPES,
  resolverTypesPath,
  type SubgraphWithTypes,
} from './resolver-types';

/**
 * `npm run codegen`: writes each subgraph's resolver types from its SDL, and the console's
 * operation types. With `--check-console`, writes nothing and exits 1 when the console's
 * committed types differ from what it would write (tests/console-types.test.ts runs this).
 */
async function main(): Promise<void> {
  const console_ = await generateConsoleTypes();
  if (process.argv.includes('--check-console')) {
    const stale = Object.entries(console_).filter(([path, content]) => {
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
  for (const [path, content] of Object.entries(console_)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    console.log(`wrote ${path}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
