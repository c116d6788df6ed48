import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Abuse limits on every operation (graphql-armor). Calibrated on real clients: the dashboard
 * query (organization -> workspaces -> designs -> workspace -> organization) is depth 7 and
 * costs about 9,300 by armor's measure (depth factor 1.5), so the cost limit leaves it twice the
 * room while still refusing deep fan-out. Rejections do not echo the limit.
 */
export function createArmor() {
  return new ApolloArmor({
    maxDepth: { n: 12, exposeLimits: false, flattenFragments: true },
    maxAliases: { n: 15, exposeLimits: false },
    maxDirectives: { n: 20, exposeLimits: false },
    maxTokens: { n: 2000, exposeLimits: false },
    costLimit: { maxCost: 20_000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, exposeLimits: false },
    blockFieldSuggestion: { enabled: true },
  });
}
