import { allow, rule, type IRule, type IRules } from '@controlplane/auth';
import { ContractError } from '@controlplane/errors';
import type { CatalogContext } from './context';
import {
  ORIGIN_ONLY_FIELDS,
  requireBeyondOrigin,
  requireDesignToPublish,
  requireFeedbackTarget,
  requireItemToClone,
  requireItemToWithdraw,
  requireReviewerOf,
  requireVersionToReview,
} from './policy';
import type {
  MutationAddCatalogFeedbackArgs,
  MutationCloneCatalogItemArgs,
  MutationPublishDesignArgs,
  MutationReviewCatalogVersionArgs,
  MutationWithdrawCatalogItemArgs,
  QueryCatalogReviewQueueArgs,
} from './resolvers/schema-types.generated';

/**
 * A shield rule that asks policy.ts: allowed when the requirement is met, its refusal (a contract
 * error) is the answer otherwise. Any other failure (the workspace subgraph down, say) is left to
 * shield, which denies.
 */
function fromPolicy<Parent, Args>(
  requirement: (parent: Parent, args: Args, context: CatalogContext) => unknown,
): IRule {
  return rule({ cache: 'no_cache' })(async (parent: Parent, args: Args, context: CatalogContext) => {
    try {
      await requirement(parent, args, context);
      return true;
    } catch (error) {
      if (error instanceof ContractError) return error;
      throw error;
    }
  });
}

/**
 * The fields of `typeName`: `allow` for those a clone's origin shows, the policy's origin check for
 * the rest (a clone's reader who can no longer see the item sees only where it came from).
 */
function originGuarded<T extends keyof typeof ORIGIN_ONLY_FIELDS>(
  typeName: T,
  fields: string[],
): Record<string, IRule | typeof allow> {
  const shown: readonly string[] = ORIGIN_ONLY_FIELDS[typeName];
  const beyondOrigin = fromPolicy((parent: object) => requireBeyondOrigin(parent, typeName));
  return Object.fromEntries(fields.map((field) => [field, shown.includes(field) ? allow : beyondOrigin]));
}

/**
 * Every field of the catalog subgraph has a rule here; a test fails when one is missing. Each rule
 * that decides anything asks policy.ts. Catalog reads are open to anonymous callers by contract
 * (PUBLIC items): the resolvers that return items or versions ask policy.ts what this caller sees,
 * so `allow` on a read means "visibility is applied by the resolver, through the policy".
 */
export const permissions: IRules = {
  Query: {
    catalog: allow,
    catalogItem: allow,
    catalogReviewQueue: fromPolicy((_parent, args: QueryCatalogReviewQueueArgs, context) =>
      requireReviewerOf(args.organizationId, context),
    ),
    _entities: allow, // each __resolveReference applies the root query's visibility
    _service: allow,
  },
  Mutation: {
    publishDesign: fromPolicy((_parent, args: MutationPublishDesignArgs, context) =>
      requireDesignToPublish(args.input.designId, context),
    ),
    reviewCatalogVersion: fromPolicy((_parent, args: MutationReviewCatalogVersionArgs, context) =>
      requireVersionToReview(args.versionId, context),
    ),
    withdrawCatalogItem: fromPolicy((_parent, args: MutationWithdrawCatalogItemArgs, context) =>
      requireItemToWithdraw(args.id, context),
    ),
    // The workspace subgraph checks the EDITOR role in the target workspace when it creates the design.
    cloneCatalogItem: fromPolicy((_parent, args: MutationCloneCatalogItemArgs, context) =>
      requireItemToClone(args.input.catalogItemId, context),
    ),
    addCatalogFeedback: fromPolicy((_parent, args: MutationAddCatalogFeedbackArgs, context) =>
      requireFeedbackTarget(args.input.catalogItemId, context),
    ),
  },
  Organization: { id: allow, catalogItems: allow },
  Design: { id: allow, clonedFrom: allow },
  User: { id: allow },
  CatalogItem: originGuarded('CatalogItem', [
    'id',
    'slug',
    'name',
    'summary',
    'category',
    'tags',
    'publisher',
    'visibility',
    'latestVersion',
    'versions',
    'cloneCount',
    'rating',
    'feedback',
    'derivedFrom',
    'derivatives',
    'createdAt',
    'updatedAt',
  ]),
  // sourceDesign is null unless the caller is a member of the publisher.
  CatalogItemVersion: originGuarded('CatalogItemVersion', [
    'id',
    'item',
    'version',
    'content',
    'changelog',
    'status',
    'sourceDesign',
    'publishedBy',
    'reviewedBy',
    'reviewComment',
    'createdAt',
  ]),
  CatalogItemConnection: { nodes: allow, totalCount: allow, pageInfo: allow },
  CatalogFeedback: { id: allow, author: allow, rating: allow, comment: allow, createdAt: allow },
  CatalogFeedbackConnection: { nodes: allow, totalCount: allow, pageInfo: allow },
  PageInfo: { hasNextPage: allow, endCursor: allow },
  _Service: { sdl: allow },
};
