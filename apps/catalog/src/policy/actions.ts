import { ORG_ADMINS, type Viewer } from '@controlplane/auth';
import { forbidden, notFound, unauthenticated, type ContractError } from '@controlplane/errors';
import { isWellFormedId } from '@controlplane/graphql-kit';
import type { PolicyContext } from '../context';
import { latestPublished } from '../domain/semver';
import type { CatalogItemRecord, CatalogVersionRecord } from '../repositories/catalog-item-repository';
import type { DesignSource, WorkspaceClient } from '../clients/workspace-client';
import { canSeeVersion, loadItem, loadVersion, requireVisibleItem, visibleVersionsOf } from './visibility';

// Who may change what: each mutation's requirement, answering with the records it loaded.

/**
 * Makes a requirement answer once per request: the shield rule asks first, then the resolver asks
 * again for the records it needs and receives the same answer (records or refusal).
 */
function oncePerRequest<Result>(
  requirement: (id: string, context: PolicyContext) => Promise<Result>,
): (id: string, context: PolicyContext) => Promise<Result> {
  const answers = new WeakMap<PolicyContext, Map<string, Promise<Result>>>();
  return (id, context) => {
    let ofRequest = answers.get(context);
    if (ofRequest === undefined) {
      ofRequest = new Map();
      answers.set(context, ofRequest);
    }
    let answer = ofRequest.get(id);
    if (answer === undefined) {
      answer = requirement(id, context);
      ofRequest.set(id, answer);
    }
    return answer;
  };
}

function requireAuthenticated(viewer: Viewer): void {
  if (!viewer.isAuthenticated) throw unauthenticated();
}

/** The review queue of an organization: its OWNER or ADMIN (others of it: FORBIDDEN; outsiders: NOT_FOUND). */
export function requireReviewerOf(organizationId: string, context: PolicyContext): void {
  const { viewer } = context;
  requireAuthenticated(viewer);
  if (!viewer.isMemberOf(organizationId)) throw notFound('Organization');
  if (!viewer.hasRoleIn(organizationId, ORG_ADMINS)) throw forbidden();
}

/**
 * The publisher's OWNER or ADMIN acts on an item (or one of its versions). Someone who can see
 * the object but is not such an admin gets FORBIDDEN; someone who cannot see it, NOT_FOUND.
 */
function requirePublisherAdmin(viewer: Viewer, item: CatalogItemRecord): void {
  if (!viewer.hasRoleIn(item.publisherOrganizationId, ORG_ADMINS))
    throw forbidden('Only an OWNER or ADMIN of the publisher can do this.');
}

/** withdrawCatalogItem: the item, for its publisher's OWNER or ADMIN. */
export const requireItemToWithdraw = oncePerRequest(async (id, context): Promise<CatalogItemRecord> => {
  requireAuthenticated(context.viewer);
  const item = await requireVisibleItem(id, context);
  requirePublisherAdmin(context.viewer, item);
  return item;
});

/** reviewCatalogVersion: the version and its item, for the publisher's OWNER or ADMIN. */
export const requireVersionToReview = oncePerRequest(
  async (id, context): Promise<{ item: CatalogItemRecord; version: CatalogVersionRecord }> => {
    requireAuthenticated(context.viewer);
    const version = await loadVersion(id, context);
    const item = version === null ? null : await loadItem(version.itemId, context);
    if (version === null || item === null || !canSeeVersion(context.viewer, item, version))
      throw notFound('CatalogItemVersion');
    requirePublisherAdmin(context.viewer, item);
    return { item, version };
  },
);

/** publishDesign: the design, when the caller may edit it (EDITOR or above in its workspace). */
export const requireDesignToPublish = oncePerRequest(async (designId, context): Promise<DesignSource> => {
  requireAuthenticated(context.viewer);
  // The workspace subgraph owns designs and workspace roles: one call per request (the loader).
  const source = isWellFormedId(designId) ? await context.loaders.designSource.load(designId) : null;
  if (source === null) throw notFound('Design');
  if (source.role === 'VIEWER')
    throw forbidden("Publishing needs the EDITOR role in the design's workspace.");
  return source.design;
});

/**
 * publishDesign with its parsed input: the design, and the existing item to extend, which must
 * belong to the design's organization (null: the version starts a new item).
 */
export async function requirePublication(
  input: { designId: string; catalogItemId?: string | undefined },
  context: PolicyContext,
): Promise<{ design: DesignSource; item: CatalogItemRecord | null }> {
  const design = await requireDesignToPublish(input.designId, context);
  if (input.catalogItemId === undefined) return { design, item: null };
  const item = await loadItem(input.catalogItemId, context);
  if (item === null || item.publisherOrganizationId !== design.organizationId) throw notFound('CatalogItem');
  return { design, item };
}

/** cloneCatalogItem: a visible item, for any authenticated caller (the workspace checks the target). */
export const requireItemToClone = oncePerRequest(async (id, context): Promise<CatalogItemRecord> => {
  requireAuthenticated(context.viewer);
  return requireVisibleItem(id, context);
});

/** The version to clone: the one asked for, or the latest, among the PUBLISHED versions the caller sees. */
export async function requireVersionToClone(
  item: CatalogItemRecord,
  requested: string | undefined,
  context: PolicyContext,
): Promise<CatalogVersionRecord> {
  const published = (await visibleVersionsOf(item, context)).filter(
    (version) => version.status === 'PUBLISHED',
  );
  const version =
    requested === undefined
      ? latestPublished(published)
      : published.find((candidate) => candidate.version === requested);
  if (version === undefined)
    throw notFound(requested === undefined ? 'Published version' : 'CatalogItemVersion');
  return version;
}

type CloneTargetRefusal = Exclude<
  Awaited<ReturnType<WorkspaceClient['createCloneDesign']>>['outcome'],
  'created'
>;

/**
 * The workspace subgraph decides who may create a design in a workspace (EDITOR or above); this
 * is how its refusal of a clone's design reads to the cloner.
 */
export function cloneTargetRefusal(outcome: CloneTargetRefusal): ContractError {
  return outcome === 'forbidden'
    ? forbidden('Cloning needs the EDITOR role in the target workspace.')
    : notFound('Workspace');
}

/**
 * addCatalogFeedback: a visible item, and its author: a signed-in user (feedback is a person's,
 * not an API key's).
 */
export const requireFeedbackTarget = oncePerRequest(
  async (id, context): Promise<{ item: CatalogItemRecord; authorId: string }> => {
    const { viewer } = context;
    const authorId = viewer.userId;
    if (authorId === undefined) {
      requireAuthenticated(viewer);
      throw forbidden('Only a signed-in user can do this, not an API key.');
    }
    return { item: await requireVisibleItem(id, context), authorId };
  },
);

/**
 * An item whose publisher identity no longer shows (a deleted organization) is shown to nobody:
 * approving a version of it answers as if the item did not exist.
 */
export function unknownPublisherRefusal(): ContractError {
  return notFound('CatalogItem');
}
