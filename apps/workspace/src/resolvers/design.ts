import { pageSize } from '@controlplane/graphql-kit';
import { loadVisibleDesign, requireWorkspace } from '../policy';
import { deploymentsOfDesign } from './deployment';
import { violationsOfDesign } from './policy';
import type { DesignResolvers, DesignRevisionResolvers } from './schema-types.generated';

const userOf = (id: string | null) => (id === null ? null : { id });

/** A design reached here was already authorized; its workspace is visible to the same callers. */
export const Design = {
  __resolveReference: (reference, context) => loadVisibleDesign(reference.id, context),
  workspace: (design, _args, context) => requireWorkspace(design.workspaceId, 'see', context),
  createdBy: (design) => userOf(design.createdById),
  updatedBy: (design) => userOf(design.updatedById),
  revisions: (design, args, context) =>
    context.loaders.latestRevisions(pageSize(args.first, 20)).load(design.id),
  deployments: (design, args, context) => deploymentsOfDesign(design.id, args, context),
  violations: (design, _args, context) => violationsOfDesign(design, context),
} satisfies DesignResolvers;

export const DesignRevision = {
  author: (revision) => userOf(revision.authorId),
} satisfies DesignRevisionResolvers;
