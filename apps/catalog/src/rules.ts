import { ORG_ADMINS, rule, type IRule } from '@controlplane/auth';
import { forbidden, notFound, unauthenticated } from '@controlplane/errors';
import { isWellFormedId } from '@controlplane/graphql-kit';
import type { CatalogContext } from './context';
import { canSeeItem, canSeeVersion, isOriginOnly, loadItem, loadVersion } from './policy';

type Args = Record<string, any>;

function inputOrArgument(args: Args, name: string): unknown {
  return args.input !== undefined && args.input !== null && name in args.input
    ? args.input[name]
    : args[name];
}

/**
 * The publisher's OWNER or ADMIN acts on an item (or one of its versions). Someone who can see
 * the object but is not such an admin gets FORBIDDEN; someone who cannot see it, NOT_FOUND.
 */
export function publisherAdmin(kind: 'item' | 'version', argument: string): IRule {
  const typeName = kind === 'item' ? 'CatalogItem' : 'CatalogItemVersion';
  return rule({ cache: 'no_cache' })(async (_parent, args: Args, context: CatalogContext) => {
    const { viewer } = context;
    if (!viewer.isAuthenticated) return unauthenticated();
    const version = kind === 'version' ? await loadVersion(args[argument], context) : null;
    const item = await loadItem(kind === 'item' ? args[argument] : version?.itemId, context);
    if (item === null) return notFound(typeName);
    const visible = version === null ? canSeeItem(viewer, item) : canSeeVersion(viewer, item, version);
    if (!visible) return notFound(typeName);
    return viewer.hasRoleIn(item.publisherOrganizationId, ORG_ADMINS)
      ? true
      : forbidden('Only an OWNER or ADMIN of the publisher can do this.');
  });
}

/** The item named by `argument` (or `input.argument`) must be visible to the (signed-in) caller. */
export function canSeeItemByArgument(argument: string): IRule {
  return rule({ cache: 'no_cache' })(async (_parent, args: Args, context: CatalogContext) => {
    if (!context.viewer.isAuthenticated) return unauthenticated();
    const item = await loadItem(inputOrArgument(args, argument), context);
    return item !== null && canSeeItem(context.viewer, item) ? true : notFound('CatalogItem');
  });
}

/** The caller may edit the source design: EDITOR or above in its workspace, as the workspace subgraph says. */
export const canPublishDesign: IRule = rule({ cache: 'no_cache' })(async (
  _parent,
  args: Args,
  context: CatalogContext,
) => {
  if (!context.viewer.isAuthenticated) return unauthenticated();
  const designId = inputOrArgument(args, 'designId');
  const source = isWellFormedId(designId) ? await context.loaders.designSource.load(designId) : null;
  if (source === null) return notFound('Design');
  return source.role === 'VIEWER'
    ? forbidden("Publishing needs the EDITOR role in the design's workspace.")
    : true;
});

/**
 * A field beyond what a clone's origin shows (policy.ts, ORIGIN_ONLY_FIELDS): NOT_FOUND when the
 * object was reached only as the origin of a clone whose reader can no longer see it.
 */
export function beyondOrigin(typeName: 'CatalogItem' | 'CatalogItemVersion'): IRule {
  return rule({ cache: 'no_cache' })((parent: object) => (isOriginOnly(parent) ? notFound(typeName) : true));
}
