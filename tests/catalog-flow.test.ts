import {
  createFactories,
  errorCodes,
  expectData,
  graphql,
  startStack,
  type Factories,
  type Stack,
  type TestOrganization,
  type TestUser,
} from '@controlplane/testkit';

let stack: Stack;
let make: Factories;

beforeAll(async () => {
  stack = await startStack();
  make = createFactories(stack.gatewayUrl);
});
afterAll(() => stack.close());

const PUBLISH = `mutation ($input: PublishDesignInput!) { publishDesign(input: $input) { id version status item { id slug name visibility derivedFrom { id } } } }`;
const REVIEW = `mutation ($id: ID!, $d: ReviewDecision!, $c: String) { reviewCatalogVersion(versionId: $id, decision: $d, comment: $c) { id status reviewComment reviewedBy { id } } }`;
const CLONE = `mutation ($input: CloneCatalogItemInput!) { cloneCatalogItem(input: $input) { id name content revision clonedFrom { id version item { id } } } }`;
const ITEM = `query ($id: ID!) { catalogItem(id: $id) { id name cloneCount visibility publisher { id name slug viewerRole } latestVersion { version } versions { version status } derivedFrom { id } derivatives { id } } }`;
const BASELINE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: baseline\n';

async function tenant(name: string) {
  const owner = await make.user({ displayName: `${name} owner` });
  const organization = await make.organization(owner, { name: `${name} ${Date.now()}` });
  const workspace = await make.workspace(owner, organization);
  const design = expectData(
    await graphql(
      stack.gatewayUrl,
      `
        mutation ($input: CreateDesignInput!) {
          createDesign(input: $input) {
            id
          }
        }
      `,
      { input: { workspaceId: workspace.id, name: `${name}-design`, content: BASELINE } },
      { token: owner.token },
    ),
  ).createDesign;
  return { owner, organization, workspace, design };
}

async function publishPublic(owner: TestUser, designId: string, name: string) {
  const version = expectData(
    await graphql(
      stack.gatewayUrl,
      PUBLISH,
      {
        input: {
          designId,
          name,
          summary: `${name} summary`,
          tags: ['Baseline', 'pci'],
          category: 'security',
          visibility: 'PUBLIC',
        },
      },
      { token: owner.token },
    ),
  ).publishDesign;
  expectData(
    await graphql(stack.gatewayUrl, REVIEW, { id: version.id, d: 'APPROVE' }, { token: owner.token }),
  );
  return version;
}

describe('the collaboration flow the catalog exists for', () => {
  it('publishes, reviews, clones into another tenant, customises, publishes back and shows the lineage from both sides', async () => {
    const platform = await tenant('Platform');
    const payments = await tenant('Payments');
    const platformMember = await make.member(platform.owner, platform.organization, 'MEMBER');

    // 1. The platform team submits its compliance baseline for the public catalog.
    const submitted = expectData(
      await graphql(
        stack.gatewayUrl,
        PUBLISH,
        {
          input: {
            designId: platform.design.id,
            name: 'Compliance baseline',
            summary: 'Namespaces every tenant starts from',
            tags: ['compliance', 'Baseline'],
            category: 'security',
            visibility: 'PUBLIC',
            changelog: 'First cut',
          },
        },
        { token: platform.owner.token },
      ),
    ).publishDesign;
    expect(submitted).toMatchObject({
      version: '1.0.0',
      status: 'PENDING_REVIEW',
      item: { name: 'Compliance baseline', visibility: 'PUBLIC', derivedFrom: null },
    });
    const itemId = submitted.item.id;

    // Pending: invisible to anyone outside the publisher, listed in its review queue.
    expect(errorCodes(await graphql(stack.gatewayUrl, ITEM, { id: itemId }))).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(await graphql(stack.gatewayUrl, ITEM, { id: itemId }, { token: payments.owner.token })),
    ).toEqual(['NOT_FOUND']);
    const queue = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          query ($o: ID!) {
            catalogReviewQueue(organizationId: $o) {
              id
            }
          }
        `,
        { o: platform.organization.id },
        { token: platform.owner.token },
      ),
    );
    expect(queue.catalogReviewQueue).toEqual([{ id: submitted.id }]);

    // 2. Only the publisher's OWNER/ADMIN may review it.
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          REVIEW,
          { id: submitted.id, d: 'APPROVE' },
          { token: platformMember.token },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          REVIEW,
          { id: submitted.id, d: 'APPROVE' },
          { token: payments.owner.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    const approved = expectData(
      await graphql(
        stack.gatewayUrl,
        REVIEW,
        { id: submitted.id, d: 'APPROVE', c: 'Looks right' },
        { token: platform.owner.token },
      ),
    ).reviewCatalogVersion;
    expect(approved).toEqual({
      id: submitted.id,
      status: 'PUBLISHED',
      reviewComment: 'Looks right',
      reviewedBy: { id: platform.owner.id },
    });

    // Now public: anonymous callers see the item and its publisher's public profile.
    const anonymous = expectData(await graphql(stack.gatewayUrl, ITEM, { id: itemId })).catalogItem;
    expect(anonymous).toMatchObject({
      latestVersion: { version: '1.0.0' },
      publisher: { id: platform.organization.id, name: platform.organization.name, viewerRole: null },
      cloneCount: 0,
    });
    const listed = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          query ($s: String!) {
            catalog(filter: { search: $s }) {
              nodes {
                id
              }
            }
          }
        `,
        { s: 'compliance baseline' },
      ),
    ).catalog.nodes;
    expect(listed).toEqual([{ id: itemId }]);

    // 3. Payments clones it into its own workspace.
    const clone = expectData(
      await graphql(
        stack.gatewayUrl,
        CLONE,
        { input: { catalogItemId: itemId, workspaceId: payments.workspace.id, name: 'payments-baseline' } },
        { token: payments.owner.token },
      ),
    ).cloneCatalogItem;
    expect(clone).toMatchObject({
      name: 'payments-baseline',
      content: BASELINE,
      revision: 1,
      clonedFrom: { id: submitted.id, version: '1.0.0', item: { id: itemId } },
    });
    expect(expectData(await graphql(stack.gatewayUrl, ITEM, { id: itemId })).catalogItem.cloneCount).toBe(1);

    // 4. ...customises it, and publishes the improvement back to the public catalog.
    const customised =
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: baseline\n  labels: { pci: "true" }\n';
    expectData(
      await graphql(
        stack.gatewayUrl,
        `
          mutation ($id: ID!, $c: String!) {
            updateDesign(id: $id, input: { content: $c }, expectedRevision: 1) {
              revision
            }
          }
        `,
        { id: clone.id, c: customised },
        { token: payments.owner.token },
      ),
    );
    const derivative = await publishPublic(payments.owner, clone.id, 'PCI baseline');
    expect(derivative.item.derivedFrom).toEqual({ id: itemId });

    // 5. Lineage from both sides, seen by an anonymous caller.
    const derivativeItem = expectData(
      await graphql(stack.gatewayUrl, ITEM, { id: derivative.item.id }),
    ).catalogItem;
    expect(derivativeItem.derivedFrom).toEqual({ id: itemId });
    expect(expectData(await graphql(stack.gatewayUrl, ITEM, { id: itemId })).catalogItem.derivatives).toEqual(
      [{ id: derivative.item.id }],
    );

    // Each tenant's workspaces stay private all along.
    const peek = await graphql(
      stack.gatewayUrl,
      `
        query ($id: ID!) {
          workspace(id: $id) {
            id
          }
        }
      `,
      { id: payments.workspace.id },
      { token: platform.owner.token },
    );
    expect(errorCodes(peek)).toEqual(['NOT_FOUND']);
    const publisher = expectData(
      await graphql(
        stack.gatewayUrl,
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
        { token: payments.owner.token },
      ),
    );
    expect(publisher.catalogItem.publisher).toEqual({ workspaces: [], environments: [] });

    // 6. The flow left a complete, correctly attributed trail in both organizations.
    await stack.flushOutboxes();
    const trailOf = async (owner: TestUser, organization: TestOrganization) =>
      expectData(
        await graphql(
          stack.gatewayUrl,
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
          { token: owner.token },
        ),
      ).auditLog.nodes.reverse();
    const platformTrail = await trailOf(platform.owner, platform.organization);
    expect(platformTrail.map((event: { action: string }) => event.action)).toEqual([
      'organization.create',
      'workspace.create',
      'design.create',
      'invitation.create',
      'invitation.accept',
      'catalog.version.publish',
      'catalog.version.approve',
    ]);
    expect(platformTrail.at(-1)).toEqual({
      action: 'catalog.version.approve',
      targetId: submitted.id,
      actor: { id: platform.owner.id },
    });
    const paymentsTrail = await trailOf(payments.owner, payments.organization);
    expect(paymentsTrail.map((event: { action: string }) => event.action)).toEqual([
      'organization.create',
      'workspace.create',
      'design.create',
      'design.create',
      'catalog.item.clone',
      'design.update',
      'catalog.version.publish',
      'catalog.version.approve',
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
    const version = expectData(
      await graphql(
        stack.gatewayUrl,
        PUBLISH,
        { input: { designId: mine.design.id, name: 'Internal golden path' } },
        { token: mine.owner.token },
      ),
    ).publishDesign;
    expect(version).toMatchObject({ status: 'PUBLISHED', item: { visibility: 'ORGANIZATION' } });
    expect(
      expectData(await graphql(stack.gatewayUrl, ITEM, { id: version.item.id }, { token: member.token }))
        .catalogItem.latestVersion,
    ).toEqual({ version: '1.0.0' });
    expect(
      errorCodes(await graphql(stack.gatewayUrl, ITEM, { id: version.item.id }, { token: outsider.token })),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          `
            query ($s: String!) {
              catalogItem(slug: $s) {
                id
              }
            }
          `,
          { s: version.item.slug },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    const outsiderList = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          query ($p: ID!) {
            catalog(filter: { publisherOrganizationId: $p }) {
              totalCount
            }
          }
        `,
        { p: mine.organization.id },
        { token: outsider.token },
      ),
    );
    expect(outsiderList.catalog.totalCount).toBe(0);
    const memberList = expectData(
      await graphql(
        stack.gatewayUrl,
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
        { token: member.token },
      ),
    );
    expect(memberList.catalog).toEqual({ totalCount: 1, nodes: [{ id: version.item.id }] });
  });

  it('refuse a clone by an outsider as NOT_FOUND', async () => {
    const mine = await tenant('Private');
    const theirs = await tenant('Curious');
    const version = expectData(
      await graphql(
        stack.gatewayUrl,
        PUBLISH,
        { input: { designId: mine.design.id, name: 'Private item' } },
        { token: mine.owner.token },
      ),
    ).publishDesign;
    const attempt = await graphql(
      stack.gatewayUrl,
      CLONE,
      { input: { catalogItemId: version.item.id, workspaceId: theirs.workspace.id } },
      { token: theirs.owner.token },
    );
    expect(errorCodes(attempt)).toEqual(['NOT_FOUND']);
  });
});

describe('versions', () => {
  it('default to the next minor, must increase, and are unique per item', async () => {
    const { owner, design } = await tenant('Versions');
    const first = expectData(
      await graphql(
        stack.gatewayUrl,
        PUBLISH,
        { input: { designId: design.id, name: 'Versioned' } },
        { token: owner.token },
      ),
    ).publishDesign;
    const next = (input: Record<string, unknown>) =>
      graphql(
        stack.gatewayUrl,
        PUBLISH,
        { input: { designId: design.id, catalogItemId: first.item.id, ...input } },
        { token: owner.token },
      );
    expect(expectData(await next({})).publishDesign.version).toBe('1.1.0');
    expect(expectData(await next({ version: '2.0.3' })).publishDesign.version).toBe('2.0.3');
    expect(errorCodes(await next({ version: '2.0.3' }))).toEqual(['CONFLICT']);
    expect(errorCodes(await next({ version: '1.5.0' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await next({ version: 'v3' }))).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(
        await graphql(stack.gatewayUrl, PUBLISH, { input: { designId: design.id } }, { token: owner.token }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    const versions = expectData(
      await graphql(stack.gatewayUrl, ITEM, { id: first.item.id }, { token: owner.token }),
    ).catalogItem.versions;
    expect(versions.map((v: { version: string }) => v.version)).toEqual(['2.0.3', '1.1.0', '1.0.0']);
  });

  it("show pending and rejected versions to the publisher's members only", async () => {
    const { owner, design } = await tenant('Review');
    const first = await publishPublic(owner, design.id, 'Reviewed');
    const pending = expectData(
      await graphql(
        stack.gatewayUrl,
        PUBLISH,
        { input: { designId: design.id, catalogItemId: first.item.id } },
        { token: owner.token },
      ),
    ).publishDesign;
    expect(pending.status).toBe('PENDING_REVIEW');
    expect(
      expectData(await graphql(stack.gatewayUrl, ITEM, { id: first.item.id })).catalogItem.versions,
    ).toEqual([{ version: '1.0.0', status: 'PUBLISHED' }]);
    expect(
      expectData(await graphql(stack.gatewayUrl, ITEM, { id: first.item.id }, { token: owner.token }))
        .catalogItem.versions,
    ).toHaveLength(2);
    const rejected = expectData(
      await graphql(
        stack.gatewayUrl,
        REVIEW,
        { id: pending.id, d: 'REJECT', c: 'Missing quotas' },
        { token: owner.token },
      ),
    ).reviewCatalogVersion;
    expect(rejected.status).toBe('REJECTED');
    expect(
      errorCodes(
        await graphql(stack.gatewayUrl, REVIEW, { id: pending.id, d: 'APPROVE' }, { token: owner.token }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('answer a reviewer of another organization with FORBIDDEN when the version is public', async () => {
    const { owner, design } = await tenant('Reviewed');
    const stranger = (await tenant('Stranger')).owner;
    const published = await publishPublic(owner, design.id, 'Seen by all');
    expect(
      errorCodes(
        await graphql(stack.gatewayUrl, REVIEW, { id: published.id, d: 'REJECT' }, { token: stranger.token }),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          `
            mutation ($id: ID!) {
              withdrawCatalogItem(id: $id) {
                id
              }
            }
          `,
          { id: published.item.id },
          { token: stranger.token },
        ),
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
    expectData(
      await graphql(
        stack.gatewayUrl,
        `
          mutation ($w: ID!, $t: ID!) {
            grantWorkspaceAccess(workspaceId: $w, teamId: $t, role: VIEWER) {
              role
            }
          }
        `,
        { w: base.workspace.id, t: team.id },
        { token: base.owner.token },
      ),
    );
    return { ...base, viewer };
  }

  it('refuses publishing by a VIEWER (FORBIDDEN), an outsider (NOT_FOUND) and an anonymous caller (UNAUTHENTICATED)', async () => {
    const { viewer, design } = await withViewer();
    const outsider = await make.user();
    const input = { designId: design.id, name: 'Nope' };
    expect(errorCodes(await graphql(stack.gatewayUrl, PUBLISH, { input }, { token: viewer.token }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      errorCodes(await graphql(stack.gatewayUrl, PUBLISH, { input }, { token: outsider.token })),
    ).toEqual(['NOT_FOUND']);
    expect(errorCodes(await graphql(stack.gatewayUrl, PUBLISH, { input }))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses cloning into a workspace where the caller is only VIEWER (FORBIDDEN) or a foreign one (NOT_FOUND)', async () => {
    const { owner, viewer, workspace, design } = await withViewer();
    const other = await tenant('Foreign');
    const published = await publishPublic(owner, design.id, 'Clonable');
    const before = expectData(await graphql(stack.gatewayUrl, ITEM, { id: published.item.id })).catalogItem
      .cloneCount;
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          CLONE,
          { input: { catalogItemId: published.item.id, workspaceId: workspace.id } },
          { token: viewer.token },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          CLONE,
          { input: { catalogItemId: published.item.id, workspaceId: other.workspace.id } },
          { token: owner.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      expectData(await graphql(stack.gatewayUrl, ITEM, { id: published.item.id })).catalogItem.cloneCount,
    ).toBe(before);
  });
});

describe('withdrawing an item', () => {
  it('hides it from the catalog and other tenants while existing clones keep working', async () => {
    const platform = await tenant('Withdrawing');
    const user = await tenant('Cloner');
    const published = await publishPublic(platform.owner, platform.design.id, 'Short-lived');
    const clone = expectData(
      await graphql(
        stack.gatewayUrl,
        CLONE,
        { input: { catalogItemId: published.item.id, workspaceId: user.workspace.id } },
        { token: user.owner.token },
      ),
    ).cloneCatalogItem;
    const withdrawn = expectData(
      await graphql(
        stack.gatewayUrl,
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
        { token: platform.owner.token },
      ),
    );
    expect(withdrawn.withdrawCatalogItem.versions).toEqual([{ status: 'WITHDRAWN' }]);

    expect(errorCodes(await graphql(stack.gatewayUrl, ITEM, { id: published.item.id }))).toEqual([
      'NOT_FOUND',
    ]);
    const list = expectData(
      await graphql(
        stack.gatewayUrl,
        `
          query ($p: ID!) {
            catalog(filter: { publisherOrganizationId: $p }) {
              totalCount
            }
          }
        `,
        { p: platform.organization.id },
        { token: platform.owner.token },
      ),
    );
    expect(list.catalog.totalCount).toBe(0);
    const still = expectData(
      await graphql(
        stack.gatewayUrl,
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
        { token: user.owner.token },
      ),
    );
    expect(still.design).toEqual({
      content: BASELINE,
      clonedFrom: { version: '1.0.0', item: { id: published.item.id } },
    });
    expect(
      errorCodes(
        await graphql(
          stack.gatewayUrl,
          CLONE,
          { input: { catalogItemId: published.item.id, workspaceId: user.workspace.id } },
          { token: user.owner.token },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });
});
