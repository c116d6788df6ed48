/** One subgraph process: createSubgraph wires it; the server verifies every caller. */
export { createSubgraph } from './create-subgraph';
export type { SubgraphDefinition, SubgraphHandle, SubgraphKit, SubgraphParts } from './create-subgraph';
export type { SubgraphContext } from './subgraph-server';
export { loadSubgraphModule } from './subgraph-module';
export type { SubgraphModule } from './subgraph-module';
