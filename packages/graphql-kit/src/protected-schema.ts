import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { createShield, type IRules } from '@controlplane/auth';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';

/** A subgraph schema with its shield applied, the federation reference resolvers preserved. */
export function buildProtectedSchema<Context>(options: {
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<Context>;
  permissions: IRules;
  /** Benchmark-only (see BENCHMARK_SHIELD_OFF): serve without the shield to measure its cost. */
  withoutShield?: boolean;
}): GraphQLSchema {
  const schema = buildSubgraphSchema([
    { typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> },
  ]);
  return options.withoutShield === true ? schema : applyMiddleware(schema, createShield(options.permissions));
}
