import { notFound } from '@controlplane/errors';
import {
  loadVisibleConnection,
  loadVisibleDesign,
  loadVisibleEnvironment,
  loadVisibleWorkspace,
} from '../access';
import type { WorkspaceContext } from '../context';

/** The shield rules answered NOT_FOUND/FORBIDDEN already; these read what the rules let through. */
function orNotFound<T>(typeName: string) {
  return (value: T | null): T => {
    if (value === null) throw notFound(typeName);
    return value;
  };
}

export const Query = {
  workspace: (_: unknown, args: { id: string }, context: WorkspaceContext) =>
    loadVisibleWorkspace(args.id, context).then(orNotFound('Workspace')),
  design: (_: unknown, args: { id: string }, context: WorkspaceContext) =>
    loadVisibleDesign(args.id, context).then(orNotFound('Design')),
  environment: (_: unknown, args: { id: string }, context: WorkspaceContext) =>
    loadVisibleEnvironment(args.id, context).then(orNotFound('Environment')),
  connection: (_: unknown, args: { id: string }, context: WorkspaceContext) =>
    loadVisibleConnection(args.id, context).then(orNotFound('Connection')),
};
