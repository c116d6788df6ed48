import type { WorkspaceContext } from '../context';
import { requireConnection, requireDesign, requireEnvironment, requireWorkspace } from '../policy';

/** Root reads: the policy answers with the subject, or NOT_FOUND / UNAUTHENTICATED as the shield rule did. */
export const Query = {
  workspace: (_: unknown, args: { id: string }, context: WorkspaceContext) =>
    requireWorkspace(args.id, 'see', context),
  design: (_: unknown, args: { id: string }, context: WorkspaceContext) =>
    requireDesign(args.id, 'see', context),
  environment: (_: unknown, args: { id: string }, context: WorkspaceContext) =>
    requireEnvironment(args.id, 'see', context),
  connection: (_: unknown, args: { id: string }, context: WorkspaceContext) =>
    requireConnection(args.id, 'see', context),
};
