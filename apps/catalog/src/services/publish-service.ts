import { randomBytes } from 'node:crypto';
import type { Viewer } from '@controlplane/auth';
import { slugFromName } from '@controlplane/graphql-kit';
import { badUserInput, conflict, isUniqueViolation } from '@controlplane/errors';
import type { CatalogRepositories, Transact } from '../repositories';
import type {
  CatalogItemRecord,
  CatalogVersionRecord,
  CatalogVisibility,
} from '../repositories/catalog-item-repository';
import { compareSemVer, highestVersion, nextMinor, parseSemVer } from '../domain/semver';
import type { PublishInput } from '../validation';
import type { DesignSource } from '../clients/workspace-client';
import { markItemPublished, versionEvent } from './catalog-changes';

/** The version to publish: the one asked for, which must be above every existing one, or the next minor. */
function chooseVersion(requested: string | undefined, existing: string[]): string {
  if (requested === undefined) return nextMinor(existing);
  const parsed = parseSemVer(requested);
  if (parsed === undefined) throw badUserInput('input.version', 'must be a semantic version such as 1.2.0');
  if (existing.includes(requested))
    throw conflict(`input.version: ${requested} already exists for this item`);
  const highest = highestVersion(existing);
  if (highest !== undefined && compareSemVer(parsed, highest) <= 0) {
    throw badUserInput('input.version', `must be higher than the latest version ${highest.join('.')}`);
  }
  return requested;
}

/**
 * publishDesign: a snapshot of a design the caller may edit becomes a version of a new or
 * existing item of the design's organization. ORGANIZATION versions publish at once; PUBLIC ones
 * wait for review by the publisher's OWNER or ADMIN. Who may publish what is policy.ts's
 * question (requirePublication); this service receives its answer.
 */
export function createPublishService(deps: { repositories: CatalogRepositories; transact: Transact }) {
  const { repositories, transact } = deps;

  async function uniqueSlug(name: string): Promise<string> {
    const base = slugFromName(name, 'item', 50);
    return (await repositories.items.slugExists(base)) ? `${base}-${randomBytes(3).toString('hex')}` : base;
  }

  /**
   * How the first version's item is created: named by the input, and derived from the item the
   * design was cloned from, if any.
   */
  async function newItemCreator(
    input: PublishInput,
    design: DesignSource,
    visibility: CatalogVisibility,
  ): Promise<(repos: CatalogRepositories) => Promise<CatalogItemRecord>> {
    const { name } = input;
    if (name === undefined) throw badUserInput('input.name', 'is required for a new item');
    // Lineage: a design cloned from an item makes the new item its derivative.
    const [clone] = await repositories.clones.findCompletedByDesigns([design.id]);
    const slug = await uniqueSlug(name);
    return (repos) =>
      repos.items.createItem({
        slug,
        name,
        summary: input.summary,
        category: input.category,
        tags: input.tags,
        publisherOrganizationId: design.organizationId,
        visibility,
        derivedFromId: clone?.itemId ?? null,
      });
  }

  return {
    /**
     * `target` is what the policy allowed: the design as the workspace showed it, and the item
     * it extends (null: a new one).
     */
    async publish(
      viewer: Viewer,
      input: PublishInput,
      target: { design: DesignSource; item: CatalogItemRecord | null },
    ): Promise<CatalogVersionRecord> {
      const { design, item: existing } = target;
      if (existing !== null) {
        if (existing.withdrawnAt !== null)
          throw badUserInput('input.catalogItemId', 'the item was withdrawn and takes no new versions');
        if (input.visibility !== undefined && input.visibility !== existing.visibility) {
          throw badUserInput(
            'input.visibility',
            `the item is ${existing.visibility}; a version cannot change that`,
          );
        }
      }
      const visibility = existing?.visibility ?? input.visibility ?? 'ORGANIZATION';
      const itemIn =
        existing === null ? await newItemCreator(input, design, visibility) : async () => existing;

      const existingVersions =
        existing === null
          ? []
          : (await repositories.items.findVersionsOfItems([existing.id])).map((v) => v.version);
      const version = chooseVersion(input.version, existingVersions);
      const status = visibility === 'ORGANIZATION' ? 'PUBLISHED' : 'PENDING_REVIEW';

      try {
        return await transact(async (repos) => {
          const item = await itemIn(repos);
          const created = await repos.items.createVersion({
            itemId: item.id,
            version,
            content: design.content,
            changelog: input.changelog,
            status,
            sourceDesignId: design.id,
            publishedById: viewer.userId ?? null,
          });
          if (status === 'PUBLISHED') await markItemPublished(repos, item.id, 'input.catalogItemId');
          await repos.audit.record(
            viewer,
            versionEvent(
              { id: created.id, organizationId: design.organizationId },
              'catalog.version.publish',
              {
                itemId: item.id,
                newItem: existing === null,
                version,
                visibility,
                status,
                designId: design.id,
              },
            ),
          );
          return created;
        });
      } catch (error) {
        if (isUniqueViolation(error))
          throw conflict('input: a concurrent publish took the same version or slug; try again');
        throw error;
      }
    },
  };
}

export type PublishService = ReturnType<typeof createPublishService>;
