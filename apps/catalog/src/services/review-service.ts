import { ANONYMOUS, Viewer } from '@controlplane/auth';
import { badUserInput } from '@controlplane/errors';
import type { Logger, ServiceClient } from '@controlplane/graphql-kit';
import type { CatalogRepositories, Transact } from '../repositories';
import type { CatalogItemRecord, CatalogVersionRecord } from '../repositories/catalog-item-repository';

/**
 * Review of PUBLIC versions and withdrawal of items, by the publisher's OWNER or ADMIN (the
 * shield rules check that). Each change tells identity whether the publisher still publishes
 * PUBLIC items, which is what makes its profile (name, slug) visible to everyone.
 */
export function createReviewService(deps: { repositories: CatalogRepositories; transact: Transact; identity: ServiceClient; logger: Logger }) {
  const { repositories, transact, identity, logger } = deps;

  async function syncPublicProfile(organizationId: string, requestId: string): Promise<void> {
    const publicCatalog = (await repositories.items.countPublicListed(organizationId)) > 0;
    try {
      await identity.post('/internal/organizations/public-catalog', { organizationId, publicCatalog }, new Viewer(ANONYMOUS, requestId));
    } catch (error) {
      // The change itself stands; the profile flag is retried with the next change of this publisher.
      logger.error({ err: error, organizationId }, 'could not update the publisher profile visibility');
    }
  }

  return {
    syncPublicProfile,

    async review(
      viewer: Viewer,
      version: CatalogVersionRecord,
      decision: 'APPROVE' | 'REJECT',
      comment: string | null,
    ): Promise<CatalogVersionRecord> {
      const item = (await repositories.items.findByIds([version.itemId]))[0] as CatalogItemRecord;
      const decided = await transact(async (repos) => {
        const outcome = await repos.items.decide(version.id, {
          status: decision === 'APPROVE' ? 'PUBLISHED' : 'REJECTED',
          reviewedById: viewer.userId ?? null,
          reviewComment: comment,
        });
        if (outcome === null) throw badUserInput('versionId', `the version is ${version.status}, not awaiting review`);
        if (decision === 'APPROVE') await repos.items.markPublished(version.itemId);
        await repos.audit.record(viewer, {
          organizationId: item.publisherOrganizationId,
          action: decision === 'APPROVE' ? 'catalog.version.approve' : 'catalog.version.reject',
          targetType: 'CatalogItemVersion',
          targetId: version.id,
          metadata: { itemId: item.id, version: version.version, commented: comment !== null },
        });
        return outcome;
      });
      if (decision === 'APPROVE') await syncPublicProfile(item.publisherOrganizationId, viewer.requestId);
      return decided;
    },

    async withdraw(viewer: Viewer, item: CatalogItemRecord): Promise<CatalogItemRecord> {
      if (item.withdrawnAt !== null) return item;
      const withdrawn = await transact(async (repos) => {
        const changed = await repos.items.withdraw(item.id);
        await repos.audit.record(viewer, { organizationId: item.publisherOrganizationId, action: 'catalog.item.withdraw', targetType: 'CatalogItem', targetId: item.id, metadata: { name: item.name } });
        return changed;
      });
      await syncPublicProfile(item.publisherOrganizationId, viewer.requestId);
      return withdrawn;
    },

    queue(organizationId: string): Promise<CatalogVersionRecord[]> {
      return repositories.items.findPendingOfPublisher(organizationId);
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
