import { errorCodes, expectData, useStack } from '@controlplane/testkit';
import type { TestOrganization, TestUser } from '@controlplane/testkit';

const { stack, make } = useStack();

const PUBLISH = `mutation ($input: PublishDesignInput!) { publishDesign(input: $input) { id version status item { id slug name visibility derivedFrom { id } } } }`;
const REVIEW = `mutation ($id: ID!, $d: ReviewDecision!, $c: String) { reviewCatalogVersion(versionId: $id, decision: $d, comment: $c) { id status reviewComment reviewedBy { id } } }`;
const CLONE = `mutation ($input: CloneCatalogItemInput!) { cloneCatalogItem(input: $input) { id name content revision clonedFrom { id version item { id } } } }`;
const ITEM = `query ($id: ID!) { catalogItem(id: $id) { id name cloneCount visibility publisher { id name slug viewerRole } latestVersion { version } versions { version status } derivedFrom { id } derivatives { id } } }`;
const BASELINE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: baseline\n';

async function tenant(name: string) {
  const owner = await make.user({ displayName: `${name} owner` });
  const organization = await make.organization(owner, { name: `${name} ${Date.now()}` });
  const workspace = await make.workspace(owner, organization);
  const design = await make.design(owner, workspace, { name: `${name}-design`, content: BASELINE });
  return { owner, organization, workspace, design };
}

async function publishPublic(owner: TestUser, designId: string, name: string) {
  const version = (
    await stack.as(owner).data(PUBLISH, {
      input: {
        designId,
        name,
        summary: `${name} summary`,
        tags: ['Baseline', 'pci'],
        category: 'security',
        visibility: 'PUBLIC',
      },
    })
  ).publishDesign;
  await stack.as(owner).data(REVIEW, { id: version.id, d: 'APPROVE' });
  return version;
}

describe('the collaboration flow the catalog exists for', () => {
  it('publishes, reviews, clones into another tenant, customises, publishes back and shows the lineage from both sides', async () => {
    const platform = await tenant('Platform');
    const payments = await tenant('Payments');
    const platformMember = await make.member(platform.owner, platform.organization, 'MEMBER');

    // 1. The platform team submits its compliance baseline for the public catalog.
    const submitted = (
      await stack.as(platform.owner).data(PUBLISH, {
        input: {
          designId: platform.design.id,
          name: 'Compliance baseline',
          summary: 'Namespaces every tenant starts from',
          tags: ['compliance', 'Baseline'],
          category: 'security',
          visibility: 'PUBLIC',
          changelog: 'First cut',
        },
      })
    ).publishDesign;
    expect(submitted).toMatchObject({
      version: '1.0.0',
      status: 'PENDING_REVIEW',
      item: { name: 'Compliance baseline', visibility: 'PUBLIC', derivedFrom: null },
    });
    const itemId = submitted.item.id;

    // Pending: invisible to anyone outside the publisher, listed in its review queue.
    expect(await stack.anonymous.codes(ITEM, { id: itemId })).toEqual(['NOT_FOUND']);
    expect(await stack.as(payments.owner).codes(ITEM, { id: itemId })).toEqual(['NOT_FOUND']);
    const queue = await stack.as(platform.owner).data(
      `
        query ($o: ID!) {
          catalogReviewQueue(organizationId: $o) {
            id
          }
        }
      `,
      { o: platform.organization.id },
    );
    expect(queue.catalogReviewQueue).toEqual([{ id: submitted.id }]);

    // 2. Only the publisher's OWNER/ADMIN may review it.
    expect(await stack.as(platformMember).codes(REVIEW, { id: submitted.id, d: 'APPROVE' })).toEqual([
      'FORBIDDEN',
    ]);
    expect(await stack.as(payments.owner).codes(REVIEW, { id: submitted.id, d: 'APPROVE' })).toEqual([
      'NOT_FOUND',
    ]);
    const approved = (
      await stack.as(platform.owner).data(REVIEW, { id: submitted.id, d: 'APPROVE', c: 'Looks right' })
    ).reviewCatalogVersion;
    expect(approved).toEqual({
      id: submitted.id,
      status: 'PUBLISHED',
      reviewComment: 'Looks right',
      reviewedBy: { id: platform.owner.id },
    });

    // Now public: anonymous callers see the item and its publisher's public profile.
    const anonymous = (await stack.anonymous.data(ITEM, { id: itemId })).catalogItem;
    expect(anonymous).toMatchObject({
      latestVersion: { version: '1.0.0' },
      publisher: { id: platform.organization.id, name: platform.organization.name, viewerRole: null },
      cloneCount: 0,
    });
    const listed = (
      await stack.anonymous.data(
        `
          query ($s: String!, $p: ID!) {
            catalog(filter: { search: $s, publisherOrganizationId: $p }) {
              nodes {
                id
              }
            }
          }
        `,
        // Other tests (the demo seed among them) publish baselines too: this publisher's only.
        { s: 'compliance baseline', p: platform.organization.id },
      )
    ).catalog.nodes;
    expect(listed).toEqual([{ id: itemId }]);

    // 3. Payments clones it into its own workspace.
    const clone = (
      await stack.as(payments.owner).data(CLONE, {
        input: { catalogItemId: itemId, workspaceId: payments.workspace.id, name: 'payments-baseline' },
      })
    ).cloneCatalogItem;
    expect(clone).toMatchObject({
      name: 'payments-baseline',
      content: BASELINE,
      revision: 1,
      clonedFrom: { id: submitted.id, version: '1.0.0', item: { id: itemId } },
    });
    expect((await stack.anonymous.data(ITEM, { id: itemId })).catalogItem.cloneCount).toBe(1);

    // 4. ...customises it, and publishes the improvement back to the public catalog.
    const customised =
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: baseline\n  labels: { pci: "true" }\n';
    await stack.as(payments.owner).data(
      `
        mutation ($id: ID!, $c: String!) {
          updateDesign(id: $id, input: { content: $c }, expectedRevision: 1) {
            revision
          }
        }
      `,
      { id: clone.id, c: customised },
    );
    const derivative = await publishPublic(payments.owner, clone.id, 'PCI baseline');
    expect(derivative.item.derivedFrom).toEqual({ id: itemId });

    // 5. Lineage from both sides, seen by an anonymous caller.
    const derivativeItem = (await stack.anonymous.data(ITEM, { id: derivative.item.id })).catalogItem;
    expect(derivativeItem.derivedFrom).toEqual({ id: itemId });
    expect((await stack.anonymous.data(ITEM, { id: itemId })).catalogItem.derivatives).toEqual([
      { id: derivative.item.id },
    ]);

    // Each tenant's workspaces stay private all along.
    const peek = await stack.as(platform.owner).send(
      `
        query ($id: ID!) {
          workspace(id: $id) {
            id
          }
        }
      `,
      { id: payments.workspace.id },
    );
    expect(errorCodes(peek)).toEqual(['NOT_FOUND']);
    const publisher = await stack.as(payments.owner).data(
      `
        query ($id: ID!) {
          catalogItem(id: $id) {
            publisher {
              workspaces {
                id
              }
              environments {
                id
              }
            }
          }
        }
      `,
      { id: itemId },
    );
    expect(publisher.catalogItem.publisher).toEqual({ workspaces: [], environments: [] });

    // 6. The flow left a complete, correctly attributed trail in both organizations.
    await stack.flushOutboxes();
    const trailOf = async (owner: TestUser, organization: TestOrganization) =>
      (
        await stack.as(owner).data(
          `
            query ($o: [ID!]!) {
              auditLog(organizationIds: $o, first: 100) {
                nodes {
                  action
                  targetId
                  actor {
                    id
                  }
                }
              }
            }
          `,
          { o: [organization.id] },
        )
      ).auditLog.nodes.reverse();
    const platformTrail = await trailOf(platform.owner, platform.organization);
    // prettier-ignore
    expect(platformTrail.map((event: { action: string }) => event.action)).toEqual([
      'organization.create', 'workspace.create', 'design.create', 'invitation.create', 'invitation.accept',
      'catalog.version.publish', 'catalog.version.approve',
    ]);
    expect(platformTrail.at(-1)).toEqual({
      action: 'catalog.version.approve',
      targetId: submitted.id,
      actor: { id: platform.owner.id },
    });
    const paymentsTrail = await trailOf(payments.owner, payments.organization);
    // prettier-ignore
    expect(paymentsTrail.map((event: { action: string }) => event.action)).toEqual([
      'organization.create', 'workspace.create', 'design.create', 'design.create', 'catalog.item.clone',
      'design.update', 'catalog.version.publish', 'catalog.version.approve',
    ]);
    expect(
      paymentsTrail
        .filter((event: { targetId: string }) => event.targetId === clone.id)
        .map((event: { action: string }) => event.action),
    ).toEqual(['design.create', 'catalog.item.clone', 'design.update']);
    expect(
      paymentsTrail.every((event: { actor: { id: string } }) => event.actor.id === payments.owner.id),
    ).toBe(true);
  });
});

describe('ORGANIZATION items', () => {
  it("publish at once and are seen only by the publisher's members", async () => {
    const mine = await tenant('Org');
    const outsider = await make.user();
    const member = await make.member(mine.owner, mine.organization, 'AUDITOR');
    const version = (
      await stack
        .as(mine.owner)
        .data(PUBLISH, { input: { designId: mine.design.id, name: 'Internal golden path' } })
    ).publishDesign;
    expect(version).toMatchObject({ status: 'PUBLISHED', item: { visibility: 'ORGANIZATION' } });
    expect((await stack.as(member).data(ITEM, { id: version.item.id })).catalogItem.latestVersion).toEqual({
      version: '1.0.0',
    });
    expect(await stack.as(outsider).codes(ITEM, { id: version.item.id })).toEqual(['NOT_FOUND']);
    expect(
      await stack.anonymous.codes(
        `
          query ($s: String!) {
            catalogItem(slug: $s) {
              id
            }
          }
        `,
        { s: version.item.slug },
      ),
    ).toEqual(['NOT_FOUND']);
    const outsiderList = await stack.as(outsider).data(
      `
        query ($p: ID!) {
          catalog(filter: { publisherOrganizationId: $p }) {
            totalCount
          }
        }
      `,
      { p: mine.organization.id },
    );
    expect(outsiderList.catalog.totalCount).toBe(0);
    const memberList = await stack.as(member).data(
      `
        query ($p: ID!) {
          catalog(filter: { publisherOrganizationId: $p }) {
            totalCount
            nodes {
              id
            }
          }
        }
      `,
      { p: mine.organization.id },
    );
    expect(memberList.catalog).toEqual({ totalCount: 1, nodes: [{ id: version.item.id }] });
  });

  it('refuse a clone by an outsider as NOT_FOUND', async () => {
    const mine = await tenant('Private');
    const theirs = await tenant('Curious');
    const version = (
      await stack.as(mine.owner).data(PUBLISH, { input: { designId: mine.design.id, name: 'Private item' } })
    ).publishDesign;
    const attempt = await stack
      .as(theirs.owner)
      .send(CLONE, { input: { catalogItemId: version.item.id, workspaceId: theirs.workspace.id } });
    expect(errorCodes(attempt)).toEqual(['NOT_FOUND']);
  });
});

describe('versions', () => {
  it('default to the next minor, must increase, and are unique per item', async () => {
    const { owner, design } = await tenant('Versions');
    const first = (await stack.as(owner).data(PUBLISH, { input: { designId: design.id, name: 'Versioned' } }))
      .publishDesign;
    const next = (input: Record<string, unknown>) =>
      stack
        .as(owner)
        .send(PUBLISH, { input: { designId: design.id, catalogItemId: first.item.id, ...input } });
    expect(expectData(await next({})).publishDesign.version).toBe('1.1.0');
    expect(expectData(await next({ version: '2.0.3' })).publishDesign.version).toBe('2.0.3');
    expect(errorCodes(await next({ version: '2.0.3' }))).toEqual(['CONFLICT']);
    expect(errorCodes(await next({ version: '1.5.0' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await next({ version: 'v3' }))).toEqual(['BAD_USER_INPUT']);
    expect(await stack.as(owner).codes(PUBLISH, { input: { designId: design.id } })).toEqual([
      'BAD_USER_INPUT',
    ]);
    const versions = (await stack.as(owner).data(ITEM, { id: first.item.id })).catalogItem.versions;
    expect(versions.map((v: { version: string }) => v.version)).toEqual(['2.0.3', '1.1.0', '1.0.0']);
  });

  it("show pending and rejected versions to the publisher's members only", async () => {
    const { owner, design } = await tenant('Review');
    const first = await publishPublic(owner, design.id, 'Reviewed');
    const pending = (
      await stack.as(owner).data(PUBLISH, { input: { designId: design.id, catalogItemId: first.item.id } })
    ).publishDesign;
    expect(pending.status).toBe('PENDING_REVIEW');
    expect((await stack.anonymous.data(ITEM, { id: first.item.id })).catalogItem.versions).toEqual([
      { version: '1.0.0', status: 'PUBLISHED' },
    ]);
    expect((await stack.as(owner).data(ITEM, { id: first.item.id })).catalogItem.versions).toHaveLength(2);
    const rejected = (
      await stack.as(owner).data(REVIEW, { id: pending.id, d: 'REJECT', c: 'Missing quotas' })
    ).reviewCatalogVersion;
    expect(rejected.status).toBe('REJECTED');
    expect(await stack.as(owner).codes(REVIEW, { id: pending.id, d: 'APPROVE' })).toEqual(['BAD_USER_INPUT']);
  });

  it('answer a reviewer of another organization with FORBIDDEN when the version is public', async () => {
    const { owner, design } = await tenant('Reviewed');
    const stranger = (await tenant('Stranger')).owner;
    const published = await publishPublic(owner, design.id, 'Seen by all');
    expect(await stack.as(stranger).codes(REVIEW, { id: published.id, d: 'REJECT' })).toEqual(['FORBIDDEN']);
    expect(
      await stack.as(stranger).codes(
        `
          mutation ($id: ID!) {
            withdrawCatalogItem(id: $id) {
              id
            }
          }
        `,
        { id: published.item.id },
      ),
    ).toEqual(['FORBIDDEN']);
  });
});

describe('who may publish and clone', () => {
  async function withViewer(): Promise<{
    owner: TestUser;
    viewer: TestUser;
    organization: TestOrganization;
    workspace: { id: string };
    design: { id: string };
  }> {
    const base = await tenant('Roles');
    const team = await make.team(base.owner, base.organization);
    const viewer = await make.member(base.owner, base.organization, 'MEMBER', { teamIds: [team.id] });
    await make.workspaceGrant(base.owner, base.workspace, team, 'VIEWER');
    return { ...base, viewer };
  }

  it('refuses publishing by a VIEWER (FORBIDDEN), an outsider (NOT_FOUND) and an anonymous caller (UNAUTHENTICATED)', async () => {
    const { viewer, design } = await withViewer();
    const outsider = await make.user();
    const input = { designId: design.id, name: 'Nope' };
    expect(await stack.as(viewer).codes(PUBLISH, { input })).toEqual(['FORBIDDEN']);
    expect(await stack.as(outsider).codes(PUBLISH, { input })).toEqual(['NOT_FOUND']);
    expect(await stack.anonymous.codes(PUBLISH, { input })).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses cloning into a workspace where the caller is only VIEWER (FORBIDDEN) or a foreign one (NOT_FOUND)', async () => {
    const { owner, viewer, workspace, design } = await withViewer();
    const other = await tenant('Foreign');
    const published = await publishPublic(owner, design.id, 'Clonable');
    const before = (await stack.anonymous.data(ITEM, { id: published.item.id })).catalogItem.cloneCount;
    expect(
      await stack
        .as(viewer)
        .codes(CLONE, { input: { catalogItemId: published.item.id, workspaceId: workspace.id } }),
    ).toEqual(['FORBIDDEN']);
    expect(
      await stack
        .as(owner)
        .codes(CLONE, { input: { catalogItemId: published.item.id, workspaceId: other.workspace.id } }),
    ).toEqual(['NOT_FOUND']);
    expect((await stack.anonymous.data(ITEM, { id: published.item.id })).catalogItem.cloneCount).toBe(before);
  });
});

describe('withdrawing an item', () => {
  it('hides it from the catalog and other tenants while existing clones keep working', async () => {
    const platform = await tenant('Withdrawing');
    const user = await tenant('Cloner');
    const published = await publishPublic(platform.owner, platform.design.id, 'Short-lived');
    const clone = (
      await stack
        .as(user.owner)
        .data(CLONE, { input: { catalogItemId: published.item.id, workspaceId: user.workspace.id } })
    ).cloneCatalogItem;
    const withdrawn = await stack.as(platform.owner).data(
      `
        mutation ($id: ID!) {
          withdrawCatalogItem(id: $id) {
            id
            versions {
              status
            }
          }
        }
      `,
      { id: published.item.id },
    );
    expect(withdrawn.withdrawCatalogItem.versions).toEqual([{ status: 'WITHDRAWN' }]);

    expect(await stack.anonymous.codes(ITEM, { id: published.item.id })).toEqual(['NOT_FOUND']);
    const list = await stack.as(platform.owner).data(
      `
        query ($p: ID!) {
          catalog(filter: { publisherOrganizationId: $p }) {
            totalCount
          }
        }
      `,
      { p: platform.organization.id },
    );
    expect(list.catalog.totalCount).toBe(0);
    const still = await stack.as(user.owner).data(
      `
        query ($id: ID!) {
          design(id: $id) {
            content
            clonedFrom {
              version
              item {
                id
              }
            }
          }
        }
      `,
      { id: clone.id },
    );
    expect(still.design).toEqual({
      content: BASELINE,
      clonedFrom: { version: '1.0.0', item: { id: published.item.id } },
    });
    expect(
      await stack
        .as(user.owner)
        .codes(CLONE, { input: { catalogItemId: published.item.id, workspaceId: user.workspace.id } }),
    ).toEqual(['NOT_FOUND']);
  });
});
