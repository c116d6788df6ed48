import { type ControlPlaneClient, type Design, NotFoundError } from '@controlplane/client';

/** Where a cloned design stands against its catalog item. */
export type CloneStatus =
  /** Cloned from the item's newest published version. */
  | 'UP_TO_DATE'
  /** The item has published versions newer than the one cloned. */
  | 'UPDATE_AVAILABLE'
  /** The item is withdrawn, or no longer visible to this credential; the clone keeps working. */
  | 'UNAVAILABLE';

export type CloneUpdate = {
  itemId: string;
  itemName: string;
  clonedVersion: string;
  status: CloneStatus;
  latestVersion: string | null;
  /** The published versions after the cloned one, oldest first, with their changelogs. */
  newerVersions: { version: string; changelog: string | null }[];
};

type CatalogItem = Awaited<ReturnType<ControlPlaneClient['catalogItem']>>;

/**
 * Follows the catalog updates of cloned designs: reads each catalog item once (with its versions)
 * and tells each clone whether newer versions were published since it was cloned. Versions of an
 * item only increase, so "newer" is "published later".
 */
export function createCloneTracker(client: Pick<ControlPlaneClient, 'catalogItem'>) {
  const items = new Map<string, Promise<CatalogItem>>();
  const itemOf = (id: string): Promise<CatalogItem> => {
    let item = items.get(id);
    if (item === undefined) {
      item = client.catalogItem(id);
      items.set(id, item);
    }
    return item;
  };

  return async function updateOf(design: Design): Promise<CloneUpdate | undefined> {
    const origin = design.clonedFrom;
    if (origin === null) return undefined;
    const item = await itemOf(origin.item.id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    if (item === undefined) {
      return {
        itemId: origin.item.id,
        itemName: origin.item.name,
        clonedVersion: origin.version,
        status: 'UNAVAILABLE',
        latestVersion: null,
        newerVersions: [],
      };
    }
    const cloned = item.versions.find((version) => version.id === origin.id);
    const clonedAt = cloned === undefined ? undefined : Date.parse(cloned.createdAt);
    const newerVersions = item.versions
      .filter((v) => v.status === 'PUBLISHED' && v.id !== origin.id)
      .filter((v) => clonedAt === undefined || Date.parse(v.createdAt) > clonedAt)
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
      .map(({ version, changelog }) => ({ version, changelog }));
    const latest = item.latestVersion;
    const status: CloneStatus =
      latest === null ? 'UNAVAILABLE' : latest.id === origin.id ? 'UP_TO_DATE' : 'UPDATE_AVAILABLE';
    return {
      itemId: item.id,
      itemName: item.name,
      clonedVersion: origin.version,
      status,
      latestVersion: latest?.version ?? null,
      newerVersions: status === 'UPDATE_AVAILABLE' ? newerVersions : [],
    };
  };
}
