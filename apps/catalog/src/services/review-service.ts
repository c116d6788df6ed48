import type { AuditMetadata } from '@controlplane/audit';
import { ANONYMOUS, Viewer } from '@controlplane/auth';
import { badUserInput, serviceUnavailable } from '@controlplane/errors';
import type { Logger } from '@controlplane/runtime';
import type { IdentityClient } from '../clients/identity-client';
import type { CatalogRepositories, Transact } from '../repositories';
import { unknownPublisherRefusal } from '../policy';
import type { CatalogItemRecord, CatalogVersionRecord } from '../repositories/catalog-item-repository';
import type { ReviewDecision } from '../resolvers/schema-types.generated';
import { itemEvent, markItemPublished, versionEvent } from './catalog-changes';

/**
 * Review of PUBLIC versions and withdrawal of items, by the publisher's OWNER or ADMIN (policy.ts
 * decides that and hands over the records), and withdrawal of everything a deleted organization
 * published.
 *
 * A PUBLIC item names its publisher to everyone, so identity must show the publisher's profile
 * before the item becomes visible: approval asks identity first and commits only then. The profile
 * stays public while the organization lives (ending it when the last item is withdrawn would race
 * the next approval); identity ends it after a deleted organization's items are withdrawn.
 */
export function createReviewService(deps: {
  repositories: CatalogRepositories;
  transact: Transact;
  identity: IdentityClient;
  logger: Logger;
}) {
  const { repositories, transact, identity, logger } = deps;

  async function makePublisherPublic(viewer: Viewer, organizationId: string): Promise<void> {
    let outcome: 'public' | 'gone';
    try {
      outcome = await identity.makePublisherPublic(viewer, organizationId);
    } catch (error) {
      logger.warn({ err: error, organizationId }, 'identity could not make the publisher profile public');
      throw serviceUnavailable('Publishing is unavailable for a moment; try again shortly.');
    }
    if (outcome === 'gone') throw unknownPublisherRefusal();
  }

  /** Withdraws an item and its versions, with its audit event, inside the caller's transaction. */
  async function withdrawIn(
    repos: CatalogRepositories,
    viewer: Viewer,
    item: CatalogItemRecord,
    reason: string | null,
  ): Promise<CatalogItemRecord> {
    const withdrawn = await repos.items.withdraw(item.id);
    const metadata: AuditMetadata = reason === null ? { name: item.name } : { name: item.name, reason };
    await repos.audit.record(viewer, itemEvent(item, 'catalog.item.withdraw', metadata));
    return withdrawn;
  }

  return {
    /** `subject` is what the policy allowed: a version awaiting review and its item. */
    async review(
      viewer: Viewer,
      subject: { item: CatalogItemRecord; version: CatalogVersionRecord },
      decision: ReviewDecision,
      comment: string | null,
    ): Promise<CatalogVersionRecord> {
      const { item, version } = subject;
      if (decision === 'APPROVE' && item.visibility === 'PUBLIC')
        await makePublisherPublic(viewer, item.publisherOrganizationId);
      return transact(async (repos) => {
        const outcome = await repos.items.decide(version.id, {
          status: decision === 'APPROVE' ? 'PUBLISHED' : 'REJECTED',
          reviewedById: viewer.userId ?? null,
          reviewComment: comment,
        });
        if (outcome === null)
          throw badUserInput('versionId', `the version is ${version.status}, not awaiting review`);
        if (decision === 'APPROVE') await markItemPublished(repos, version.itemId, 'versionId');
        await repos.audit.record(
          viewer,
          versionEvent(
            { id: version.id, organizationId: item.publisherOrganizationId },
            decision === 'APPROVE' ? 'catalog.version.approve' : 'catalog.version.reject',
            { itemId: item.id, version: version.version, commented: comment !== null },
          ),
        );
        return outcome;
      });
    },

    async withdraw(viewer: Viewer, item: CatalogItemRecord): Promise<CatalogItemRecord> {
      if (item.withdrawnAt !== null) return item;
      return transact((repos) => withdrawIn(repos, viewer, item, null));
    },

    /**
     * Withdraws every item a deleted organization published, as SYSTEM: clones keep their origin,
     * and nobody can see, clone or list the items any more. Idempotent (redelivery is harmless).
     */
    async withdrawAllOfPublisher(organizationId: string, requestId: string): Promise<number> {
      const system = new Viewer(ANONYMOUS, requestId);
      return transact(async (repos) => {
        const items = await repos.items.findMany({
          publisherOrganizationId: organizationId,
          withdrawnAt: null,
        });
        for (const item of items) await withdrawIn(repos, system, item, 'organization deleted');
        return items.length;
      });
    },

    /** The versions awaiting review by the publisher `organizationId` (the policy let only its admins ask). */
    queue(organizationId: string): Promise<CatalogVersionRecord[]> {
      return repositories.items.findPendingOfPublisher(organizationId);
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
