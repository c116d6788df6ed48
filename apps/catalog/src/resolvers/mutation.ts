import { notFound } from '@controlplane/errors';
import { isWellFormedId, parseInput } from '@controlplane/graphql-kit';
import type { CatalogContext } from '../context';
import type { CatalogVersionRecord } from '../repositories/catalog-item-repository';
import { latestPublished } from '../domain/semver';
import { canSeeVersion, loadItem, loadVersion } from '../policy';
import { cloneCatalogItemInput, feedbackInput, publishDesignInput, reviewCommentField } from '../validation';

type Ctx = CatalogContext;

async function required<T>(value: Promise<T | null>, typeName: string): Promise<T> {
  const found = await value;
  if (found === null) throw notFound(typeName);
  return found;
}

export const Mutation = {
  async publishDesign(_: unknown, args: { input: unknown }, context: Ctx) {
    const input = parseInput(publishDesignInput, args.input, 'input');
    // The same answer the shield rule got (one workspace call per request, cached by the loader).
    const source = isWellFormedId(input.designId)
      ? await context.loaders.designSource.load(input.designId)
      : null;
    return context.services.publish.publish(context.viewer, input, source);
  },

  async reviewCatalogVersion(
    _: unknown,
    args: { versionId: string; decision: 'APPROVE' | 'REJECT'; comment?: string | null },
    context: Ctx,
  ) {
    const comment = parseInput(reviewCommentField, args.comment, 'comment');
    const version = await required(loadVersion(args.versionId, context), 'CatalogItemVersion');
    return context.services.review.review(context.viewer, version, args.decision, comment);
  },

  async withdrawCatalogItem(_: unknown, args: { id: string }, context: Ctx) {
    return context.services.review.withdraw(
      context.viewer,
      await required(loadItem(args.id, context), 'CatalogItem'),
    );
  },

  async cloneCatalogItem(_: unknown, args: { input: unknown }, context: Ctx) {
    const input = parseInput(cloneCatalogItemInput, args.input, 'input');
    const item = await required(loadItem(input.catalogItemId, context), 'CatalogItem');
    const versions = await context.loaders.versionsOfItem.load(item.id);
    const published = (version: CatalogVersionRecord) =>
      version.status === 'PUBLISHED' && canSeeVersion(context.viewer, item, version);
    const version =
      input.version === undefined
        ? latestPublished(versions)
        : versions.find((candidate) => candidate.version === input.version && published(candidate));
    if (version === undefined)
      throw notFound(input.version === undefined ? 'Published version' : 'CatalogItemVersion');
    return context.services.clones.clone(context.viewer, item, version, {
      workspaceId: input.workspaceId,
      name: input.name,
    });
  },

  async addCatalogFeedback(_: unknown, args: { input: unknown }, context: Ctx) {
    const input = parseInput(feedbackInput, args.input, 'input');
    // The shield rule checked that the signed-in caller can see the item.
    return context.services.feedback.give(
      context.viewer,
      await required(loadItem(input.catalogItemId, context), 'CatalogItem'),
      input,
    );
  },
};
