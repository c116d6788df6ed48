/** What changes to the catalog share: their audit events, and the rule of publishing a version. */
import { auditEventsOn, type AuditInput, type AuditMetadata } from '@controlplane/audit';
import { badUserInput } from '@controlplane/errors';
import type { CatalogRepositories } from '../repositories';
import type { CatalogItemRecord } from '../repositories/catalog-item-repository';

const onItem = auditEventsOn('CatalogItem');
const onVersion = auditEventsOn('CatalogItemVersion');

/** An event on a catalog item, in its publisher's trail. */
export function itemEvent(item: CatalogItemRecord, action: string, metadata: AuditMetadata): AuditInput {
  return onItem({ id: item.id, organizationId: item.publisherOrganizationId }, action, metadata);
}

/** An event on one version of an item, in the trail of `organizationId` (its publisher). */
export function versionEvent(
  version: { id: string; organizationId: string },
  action: string,
  metadata: AuditMetadata,
): AuditInput {
  return onVersion(version, action, metadata);
}

/**
 * Marks an item published as a version of it becomes PUBLISHED, in the caller's transaction;
 * conditional on the item not being withdrawn meanwhile (a deleted publisher, say), else refused
 * as BAD_USER_INPUT on `field`.
 */
export async function markItemPublished(
  repos: CatalogRepositories,
  itemId: string,
  field: string,
): Promise<void> {
  if (!(await repos.items.markPublished(itemId)))
    throw badUserInput(field, 'the item was withdrawn and takes no new versions');
}
