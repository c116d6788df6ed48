import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const ROOT = join(__dirname, '..', '..');
export const SUPERGRAPH_PATH = join(ROOT, 'apps', 'gateway', 'supergraph.graphql');

/** Subgraph names and the URLs written into the supergraph (the gateway overrides them from its config). */
export const SUBGRAPHS = [
  { name: 'identity', url: 'http://localhost:4001/graphql' },
  { name: 'workspace', url: 'http://localhost:4002/graphql' },
  { name: 'catalog', url: 'http://localhost:4003/graphql' },
] as const;

export function subgraphSdl(name: string): string {
  return readFileSync(join(ROOT, 'apps', name, 'src', 'schema.graphql'), 'utf8');
}

/** Composes the three subgraph schemas into the supergraph SDL; throws with every composition error. */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPHS.map(({ name, url }) => ({ name, url, typeDefs: parse(subgraphSdl(name)) })),
  );
  if (result.errors !== undefined) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `  ${error.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
