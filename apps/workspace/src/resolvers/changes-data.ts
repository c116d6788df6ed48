import type { GraphQLResolveInfo } from 'graphql';
import type { WorkspaceContext } from '../context';

type MutationResolve<Parent, Args, Result> = (
  parent: Parent,
  args: Args,
  context: WorkspaceContext,
  info: GraphQLResolveInfo,
) => Promise<Result>;

/**
 * One mutation field that changes data: once it has run, the request's loaders forget every row
 * they read, so the next mutation field of the same operation decides on fresh rows (not on a
 * design this one deleted) and this field's answer shows the change.
 */
export function changesData<Parent, Args, Result>(
  resolve: MutationResolve<Parent, Args, Result>,
): MutationResolve<Parent, Args, Result> {
  return async (parent, args, context, info) => {
    try {
      return await resolve(parent, args, context, info);
    } finally {
      context.loaders.forgetAll();
    }
  };
}
