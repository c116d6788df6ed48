import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { SubgraphDefinition } from './create-subgraph';
import type { SubgraphContext } from './subgraph-server';

/** What a subgraph is, whatever runs it: its name, schema, resolvers, shield rules and migrations. */
export type SubgraphModule<Context extends SubgraphContext> = Pick<
  SubgraphDefinition<Context, object>,
  'name' | 'typeDefs' | 'resolvers' | 'permissions' | 'migrationsDir'
>;

/**
 * A subgraph's module, by the layout every subgraph follows: `codeDir` is the directory of its
 * server module (`src/` or `dist/` of its app), the SDL is `<app>/src/schema.graphql`, the
 * migrations are `prisma/<name>/migrations` at the repository root.
 */
export function loadSubgraphModule<Context extends SubgraphContext>(
  name: SubgraphModule<Context>['name'],
  codeDir: string,
  parts: Pick<SubgraphModule<Context>, 'resolvers' | 'permissions'>,
): SubgraphModule<Context> {
  const appDir = join(codeDir, '..');
  return {
    name,
    ...parts,
    typeDefs: parse(readFileSync(join(appDir, 'src', 'schema.graphql'), 'utf8')),
    migrationsDir: join(appDir, '..', '..', 'prisma', name, 'migrations'),
  };
}
