import { readFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import {
  generateResolverTypes,
  RESOLVER_TYPES,
  resolverTypesPath,
  type SubgraphWithTypes,
} from '../scripts/src/resolver-types';

/** Fails when a subgraph's SDL changed and `npm run codegen` was not run. */
describe.each(Object.keys(RESOLVER_TYPES) as SubgraphWithTypes[])('the resolver types of %s', (subgraph) => {
  it('are what npm run codegen generates from the current SDL', async () => {
    const path = resolverTypesPath(subgraph);
    const generated = await format(await generateResolverTypes(subgraph), {
      ...(await resolveConfig(path)),
      filepath: path,
    });
    expect(readFileSync(path, 'utf8')).toEqual(generated);
  });
});
