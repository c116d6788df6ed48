import { cloneOrigin, visibleItemsOfPublisher } from '../policy';
import type { DesignResolvers, OrganizationResolvers } from './schema-types.generated';

/** Identity decides who sees an organization; this subgraph only adds the items the caller may see. */
export const Organization = {
  __resolveReference: (reference) => ({ id: reference.id }),
  catalogItems: (organization, _args, context) => visibleItemsOfPublisher(organization.id, context),
} satisfies OrganizationResolvers;

/** Workspace decides who sees a design; this subgraph only knows which version it was cloned from. */
export const Design = {
  __resolveReference: (reference) => ({ id: reference.id }),
  /**
   * A clone keeps its origin even after the item is withdrawn or its reader left the publisher:
   * then it shows only where it came from (policy.ts, cloneOrigin).
   */
  clonedFrom: async (design, _args, context) => {
    const clone = await context.loaders.cloneOfDesign.load(design.id);
    return clone === null ? null : cloneOrigin(clone.versionId, context);
  },
} satisfies DesignResolvers;
