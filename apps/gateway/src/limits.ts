import type { ApolloServerPlugin } from '@apollo/server';
import { MAX_PAGE_SIZE } from '@controlplane/graphql-kit';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';
import { createCostLimitRule, type CostModel } from './query-cost';

/** Documents longer than this many tokens are refused while parsing, before any other work. */
export const MAX_TOKENS = 2000;

/** Directives in one operation, fragments spread included. */
export const MAX_DIRECTIVES = 20;

/**
 * What an operation may cost (query-cost.ts). Calibrated on real clients: the dashboard
 * (organization -> workspaces -> designs(first: 100) -> a dozen fields) costs about 11,000 to
 * 13,000 with workspaces counted as 10, so the limit leaves it twice the room, while a second
 * level of unpaginated lists above a page (organizations -> workspaces -> designs(first: 100))
 * is refused. A design document may be 1 MiB, so its content counts as 100 fields.
 */
export const COST_MODEL: CostModel = {
  maxCost: 25_000,
  objectCost: 2,
  scalarCost: 1,
  maxPageSize: MAX_PAGE_SIZE,
  unpaginatedListSize: 10,
  fieldCosts: { 'Design.content': 100, 'DesignRevision.content': 100, 'CatalogItemVersion.content': 100 },
};

/**
 * Abuse limits on every operation: depth, aliases and directives by graphql-armor, cost by our
 * own rule (armor's cost limit ignores variables, schema defaults and lists without `first`).
 * Rejections do not echo the limit.
 */
export function createOperationLimits(): {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
} {
  const armor = new ApolloArmor({
    maxDepth: { n: 12, exposeLimits: false, flattenFragments: true },
    // armor skips aliases of __typename by default; every alias is work and bytes, so count them all.
    maxAliases: { n: 15, allowList: [], exposeLimits: false },
    // Counted again through fragment spreads; directive overloading is refused before this (directive-screen.ts).
    maxDirectives: { n: MAX_DIRECTIVES, exposeLimits: false },
    // Tokens are limited by the parser itself (parseOptions below): armor's plugin answers 500.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return {
    validationRules: [...armor.validationRules, createCostLimitRule(COST_MODEL)],
    plugins: armor.plugins,
  };
}

/** Parse errors that would tell the limit are reworded; anything else passes unchanged. */
export function hideParserLimit(message: string): string {
  return /Document contains more th\w+ \d+ tokens/.test(message)
    ? 'Syntax Error: the document is too large.'
    : message;
}
