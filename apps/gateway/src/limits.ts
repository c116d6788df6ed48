import { ApolloArmor } from '@escape.tech/graphql-armor';

/** Documents longer than this many tokens are refused while parsing, before any other work. */
export const MAX_TOKENS = 2000;

/** Directives in one operation, fragments spread included. */
export const MAX_DIRECTIVES = 20;

/**
 * Abuse limits on every operation (graphql-armor). Calibrated on real clients: the dashboard
 * query (organization -> workspaces -> designs -> workspace -> organization) is depth 7 and
 * costs about 9,300 by armor's measure (depth factor 1.5), so the cost limit leaves it twice the
 * room while still refusing deep fan-out. Rejections do not echo the limit.
 */
export function createArmor() {
  return new ApolloArmor({
    maxDepth: { n: 12, exposeLimits: false, flattenFragments: true },
    // armor skips aliases of __typename by default; every alias is work and bytes, so count them all.
    maxAliases: { n: 15, allowList: [], exposeLimits: false },
    // Counted again through fragment spreads; directive overloading is refused before this (directive-screen.ts).
    maxDirectives: { n: MAX_DIRECTIVES, exposeLimits: false },
    // Tokens are limited by the parser itself (parseOptions below): armor's plugin answers 500.
    maxTokens: { enabled: false },
    costLimit: { maxCost: 20_000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, exposeLimits: false },
    blockFieldSuggestion: { enabled: true },
  });
}

/** Parse errors that would tell the limit are reworded; anything else passes unchanged. */
export function hideParserLimit(message: string): string {
  return /Document contains more th\w+ \d+ tokens/.test(message) ? 'Syntax Error: the document is too large.' : message;
}
