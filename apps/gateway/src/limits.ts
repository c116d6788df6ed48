import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Abuse limits on every operation (graphql-armor). Generous for real clients: the dashboard
 * query is depth 7 and uses a handful of aliases. Rejections do not echo the limit.
 */
export function createArmor() {
  return new ApolloArmor({
    maxDepth: { n: 12, exposeLimits: false, flattenFragments: true },
    maxAliases: { n: 15, exposeLimits: false },
    maxDirectives: { n: 20, exposeLimits: false },
    maxTokens: { n: 2000, exposeLimits: false },
    costLimit: { maxCost: 5000, exposeLimits: false },
    blockFieldSuggestion: { enabled: true },
  });
}
