import { auditEventsOn, type AuditInput, type AuditMetadata } from '@controlplane/audit';
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
