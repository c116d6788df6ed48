import { requireConnection, requireDesign, requireEnvironment, requireWorkspace } from '../policy';
import type { QueryResolvers } from './schema-types.generated';

/** Root reads: the policy answers with the subject, or NOT_FOUND / UNAUTHENTICATED as the shield rule did. */
export const Query = {
  workspace: (_parent, args, context) => requireWorkspace(args.id, 'see', context),
  design: (_parent, args, context) => requireDesign(args.id, 'see', context),
  environment: (_parent, args, context) => requireEnvironment(args.id, 'see', context),
  connection: (_parent, args, context) => requireConnection(args.id, 'see', context),
} satisfies QueryResolvers;
