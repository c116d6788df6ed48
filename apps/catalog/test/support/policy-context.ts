import { randomUUID } from 'node:crypto';
import { Viewer, type OrgRole, type WorkspaceRole } from '@controlplane/auth';
import DataLoader from 'dataloader';
import type { PolicyContext } from '../../src/context';
import type { CatalogItemRecord, CatalogVersionRecord } from '../../src/repositories/catalog-item-repository';
import type { DesignSource } from '../../src/clients/workspace-client';

/** What the policy is asked about, in memory: items, versions, and the designs the workspace shows. */
export type CatalogFixture = {
  items: CatalogItemRecord[];
  versions: CatalogVersionRecord[];
  designs: Map<string, { design: DesignSource; role: WorkspaceRole }>;
  /** How often the workspace subgraph was asked for a design (one batch may hold several). */
  designSourceCalls: number;
};

export function emptyFixture(): CatalogFixture {
  return { items: [], versions: [], designs: new Map(), designSourceCalls: 0 };
}

/** One request's context for policy.ts: a viewer and loaders over the fixture, as createLoaders builds them. */
export function requestOf(viewer: Viewer, fixture: CatalogFixture): PolicyContext {
  const itemsWhere = (match: (item: CatalogItemRecord) => boolean) => fixture.items.filter(match);
  return {
    viewer,
    loaders: {
      designSource: new DataLoader(async (ids) =>
        ids.map((id) => {
          fixture.designSourceCalls += 1;
          return fixture.designs.get(id) ?? null;
        }),
      ),
      item: new DataLoader(async (ids) => ids.map((id) => itemsWhere((item) => item.id === id)[0] ?? null)),
      itemBySlug: new DataLoader(async (slugs) =>
        slugs.map((slug) => itemsWhere((item) => item.slug === slug)[0] ?? null),
      ),
      itemsOfPublisher: new DataLoader(async (ids) =>
        ids.map((id) => itemsWhere((item) => item.publisherOrganizationId === id)),
      ),
      version: new DataLoader(async (ids) =>
        ids.map((id) => fixture.versions.find((version) => version.id === id) ?? null),
      ),
      versionsOfItem: new DataLoader(async (ids) =>
        ids.map((id) => fixture.versions.filter((version) => version.itemId === id)),
      ),
      derivativesOfItem: new DataLoader(async (ids) =>
        ids.map((id) => itemsWhere((item) => item.derivedFromId === id)),
      ),
      cloneOfDesign: new DataLoader(async (ids) => ids.map(() => null)),
      ratingOfItem: new DataLoader(async (ids) => ids.map(() => null)),
    },
  };
}

export function userIn(organizationId: string, role: OrgRole): Viewer {
  return new Viewer({
    kind: 'user',
    userId: randomUUID(),
    displayName: `a ${role}`,
    organizations: [{ organizationId, role }],
    teams: [],
  });
}

export function apiKeyOf(organizationId: string, role: OrgRole): Viewer {
  return new Viewer({ kind: 'apiKey', apiKeyId: randomUUID(), name: 'a key', organizationId, role });
}

/** Keeps `row` among `rows`, and returns it. */
function kept<T>(rows: T[], row: T): T {
  rows.push(row);
  return row;
}

export function addItem(fixture: CatalogFixture, fields: Partial<CatalogItemRecord> = {}): CatalogItemRecord {
  const id = fields.id ?? randomUUID();
  return kept(fixture.items, {
    id,
    slug: `item-${id.slice(0, 8)}`,
    name: 'An item',
    summary: null,
    category: null,
    tags: [],
    publisherOrganizationId: randomUUID(),
    visibility: 'PUBLIC',
    cloneCount: 0,
    derivedFromId: null,
    publishedAt: new Date(),
    withdrawnAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...fields,
  });
}

export function addVersion(
  fixture: CatalogFixture,
  item: CatalogItemRecord,
  fields: Partial<CatalogVersionRecord> = {},
): CatalogVersionRecord {
  return kept(fixture.versions, {
    id: randomUUID(),
    itemId: item.id,
    version: '1.0.0',
    content: 'kind: Deployment',
    changelog: null,
    status: 'PUBLISHED',
    sourceDesignId: randomUUID(),
    publishedById: null,
    reviewedById: null,
    reviewComment: null,
    createdAt: new Date(),
    ...fields,
  });
}

export function addDesign(
  fixture: CatalogFixture,
  role: WorkspaceRole,
  organizationId = randomUUID(),
): DesignSource {
  const design: DesignSource = {
    id: randomUUID(),
    workspaceId: randomUUID(),
    organizationId,
    name: 'a design',
    content: 'kind: Deployment',
  };
  fixture.designs.set(design.id, { design, role });
  return design;
}
