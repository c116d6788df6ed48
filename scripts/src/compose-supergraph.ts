import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph, SUPERGRAPH_PATH } from './supergraph';

/**
 * npm run compose            writes apps/gateway/supergraph.graphql from the subgraph schemas
 * npm run check:supergraph   fails when the committed file is not what composition produces
 */
function main(): void {
  const check = process.argv.includes('--check');
  const supergraph = composeSupergraph();
  if (check) {
    const committed = readFileSync(SUPERGRAPH_PATH, 'utf8');
    if (committed !== supergraph) {
      console.error(
        'apps/gateway/supergraph.graphql is stale: run `npm run build && npm run compose` and commit it.',
      );
      process.exit(1);
    }
    console.log('supergraph is up to date');
    return;
  }
  writeFileSync(SUPERGRAPH_PATH, supergraph);
  console.log(`wrote ${join('apps', 'gateway', 'supergraph.graphql')}`);
}

main();
