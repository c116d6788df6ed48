import { errorCodes, useStack, type TestOrganization, type TestUser } from '@controlplane/testkit';
import { configMapManifest, createPolicy, deploymentManifest, documents } from './support/policies';

const { stack, make } = useStack();

const REPORT = `query ($orgs: [ID!]!, $first: Int, $after: String, $severity: PolicySeverity) {
  complianceReport(organizationIds: $orgs) {
    organization { id }
    policies designsEvaluated compliantDesigns
    violations(first: $first, after: $after, severity: $severity) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { policy { id name severity organization { id } } design { id name } designRevision resource message }
    }
  }
}`;

type ReportViolation = {
  policy: { id: string; name: string; severity: string; organization: { id: string } };
  design: { id: string; name: string };
  designRevision: number;
  resource: string;
  message: string;
};

type Report = {
  organization: { id: string };
  policies: number;
  designsEvaluated: number;
  compliantDesigns: number;
  violations: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: ReportViolation[];
  };
};

const NOWHERE = '00000000-0000-7000-8000-000000000000';

/**
 * One business unit with the same shape as every other: a workspace with three designs under the
 * same names (`web`, `batch`, `settings`), and two policies with the same names. Only `web`
 * complies; `batch` breaks both policies, `settings` one.
 */
async function businessUnit(
  owner: TestUser,
  name: string,
): Promise<{
  organization: TestOrganization;
  designs: Record<'web' | 'batch' | 'settings', string>;
}> {
  const organization = await make.organization(owner, { name });
  const workspace = await make.workspace(owner, organization, { name: 'apps' });
  const asOwner = stack.as(owner);
  await createPolicy(asOwner, organization, {
    name: 'non-root',
    severity: 'HIGH',
    kinds: ['Deployment'],
    expression:
      'object.spec.template.spec.containers.all(c, has(c.securityContext) && c.securityContext.runAsNonRoot == true)',
    message: 'Run as non-root.',
  });
  await createPolicy(asOwner, organization, {
    name: 'labelled',
    severity: 'LOW',
    expression: 'has(object.metadata.labels)',
    message: 'Label every object.',
  });
  const design = async (designName: string, content: string) =>
    (await make.design(owner, workspace, { name: designName, content })).id;
  return {
    organization,
    designs: {
      web: await design('web', deploymentManifest('web', { runAsNonRoot: true })),
      batch: await design('batch', deploymentManifest('batch', { runAsNonRoot: false, labels: false })),
      settings: await design('settings', configMapManifest('settings', { labels: false })),
    },
  };
}

async function reports(
  caller: TestUser,
  organizations: TestOrganization[],
  variables = {},
): Promise<Report[]> {
  return (await stack.as(caller).data(REPORT, { orgs: organizations.map((o) => o.id), ...variables }))
    .complianceReport;
}

describe('complianceReport', () => {
  it("gives one report per organization, each with only its own organization's designs and policies", async () => {
    // The architect owns two business units with identical names, designs and policy names.
    const architect = await make.user();
    const retail = await businessUnit(architect, 'Retail Banking');
    const lending = await businessUnit(architect, 'Retail Banking');

    const [first, second] = await reports(architect, [retail.organization, lending.organization]);
    for (const [report, unit] of [
      [first, retail],
      [second, lending],
    ] as const) {
      expect(report).toMatchObject({
        organization: { id: unit.organization.id },
        policies: 2,
        designsEvaluated: 3,
        compliantDesigns: 1,
        violations: { totalCount: 3, pageInfo: { hasNextPage: false } },
      });
      // Most severe first; each violation is of this organization's design and policy.
      expect(
        report?.violations.nodes.map((v) => [
          v.policy.severity,
          v.policy.name,
          v.design.id,
          v.resource,
          v.message,
        ]),
      ).toEqual([
        ['HIGH', 'non-root', unit.designs.batch, 'Deployment/shop/batch', 'Run as non-root.'],
        ['LOW', 'labelled', unit.designs.batch, 'Deployment/shop/batch', 'Label every object.'],
        ['LOW', 'labelled', unit.designs.settings, 'ConfigMap/shop/settings', 'Label every object.'],
      ]);
      expect(report?.violations.nodes.every((v) => v.policy.organization.id === unit.organization.id)).toBe(
        true,
      );
      expect(report?.violations.nodes.every((v) => v.designRevision === 1)).toBe(true);
    }
  });

  it('pages violations and filters them by severity', async () => {
    const owner = await make.user();
    const unit = await businessUnit(owner, 'Paged');
    const extra = await make.workspace(owner, unit.organization);
    await make.design(owner, extra, {
      name: 'many',
      content: documents(
        configMapManifest('one', { labels: false }),
        configMapManifest('two', { labels: false }),
        configMapManifest('three', { labels: false }),
      ),
    });

    const [all] = await reports(owner, [unit.organization], { first: 100 });
    expect(all).toMatchObject({ designsEvaluated: 4, compliantDesigns: 1, violations: { totalCount: 6 } });
    const seen: ReportViolation[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page += 1) {
      const [report] = await reports(owner, [unit.organization], { first: 2, after });
      const { nodes, pageInfo, totalCount } = (report as Report).violations;
      expect(totalCount).toBe(6);
      expect(nodes).toHaveLength(2);
      expect(pageInfo.hasNextPage).toBe(page < 2);
      seen.push(...nodes);
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual(all?.violations.nodes);

    const [low] = await reports(owner, [unit.organization], { severity: 'LOW', first: 100 });
    expect(low?.violations.totalCount).toBe(5);
    expect(low?.violations.nodes.every((v) => v.policy.name === 'labelled')).toBe(true);
    const [high] = await reports(owner, [unit.organization], { severity: 'HIGH' });
    expect(high?.violations.nodes.map((v) => [v.policy.name, v.design.id])).toEqual([
      ['non-root', unit.designs.batch],
    ]);
    const [critical] = await reports(owner, [unit.organization], { severity: 'CRITICAL' });
    expect(critical?.violations).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, endCursor: null },
      nodes: [],
    });
    expect(
      errorCodes(await stack.as(owner).send(REPORT, { orgs: [unit.organization.id], after: 'not-a-cursor' })),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('lets OWNER, ADMIN and AUDITOR read the report, and refuses MEMBER and non-members the same way (FORBIDDEN)', async () => {
    const owner = await make.user();
    const unit = await businessUnit(owner, 'Roles');
    const admin = await make.member(owner, unit.organization, 'ADMIN');
    const auditor = await make.member(owner, unit.organization, 'AUDITOR');
    const member = await make.member(owner, unit.organization, 'MEMBER');
    const outsider = await make.user();
    for (const reader of [owner, admin, auditor]) {
      const [report] = await reports(reader, [unit.organization]);
      expect(report).toMatchObject({
        designsEvaluated: 3,
        compliantDesigns: 1,
        violations: { totalCount: 3 },
      });
    }
    const asMember = await stack.as(member).send(REPORT, { orgs: [unit.organization.id] });
    expect(errorCodes(asMember)).toEqual(['FORBIDDEN']);
    expect(asMember.data).toBeNull();
    for (const [refused, orgs] of [
      [outsider, [unit.organization.id]],
      [member, [NOWHERE]],
      [outsider, [NOWHERE]],
    ] as const) {
      const response = await stack.as(refused).send(REPORT, { orgs });
      expect(response.errors).toEqual(asMember.errors);
      expect(response.data).toBeNull();
    }
    expect(await stack.anonymous.codes(REPORT, { orgs: [unit.organization.id] })).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it('covers an AUDITOR of several organizations in one call, and refuses the whole call when one listed organization is not theirs', async () => {
    const architect = await make.user();
    const units = [];
    for (const name of ['retail-banking', 'commercial-lending', 'investment-services']) {
      const owner = await make.user();
      const unit = await businessUnit(owner, name);
      const token = await make.invitation(owner, unit.organization, architect.email, 'AUDITOR');
      await stack
        .as(architect)
        .data(`mutation ($t: String!) { acceptInvitation(token: $t) { role } }`, { t: token });
      units.push({ owner, ...unit });
    }
    const all = await reports(
      architect,
      units.map((unit) => unit.organization),
    );
    expect(all.map((report) => report.organization.id)).toEqual(units.map((unit) => unit.organization.id));
    for (const [index, report] of all.entries()) {
      const own = new Set(Object.values(units[index]?.designs ?? {}));
      expect(report.violations.nodes.every((v) => own.has(v.design.id))).toBe(true);
      expect(report).toMatchObject({ policies: 2, designsEvaluated: 3, compliantDesigns: 1 });
    }

    // MEMBER in one of the listed organizations: the whole call is refused, nothing is returned.
    const memberOwner = await make.user();
    const elsewhere = await businessUnit(memberOwner, 'retail-banking');
    const token = await make.invitation(memberOwner, elsewhere.organization, architect.email, 'MEMBER');
    await stack
      .as(architect)
      .data(`mutation ($t: String!) { acceptInvitation(token: $t) { role } }`, { t: token });
    const mixed = await stack.as(architect).send(REPORT, {
      orgs: [units[0]?.organization.id, elsewhere.organization.id],
    });
    expect(errorCodes(mixed)).toEqual(['FORBIDDEN']);
    expect(mixed.data).toBeNull();
    expect(
      errorCodes(await stack.as(architect).send(REPORT, { orgs: [units[0]?.organization.id, NOWHERE] })),
    ).toEqual(['FORBIDDEN']);
    expect(errorCodes(await stack.as(architect).send(REPORT, { orgs: [] }))).toEqual(['BAD_USER_INPUT']);
  });

  it('follows changes: a fixed design becomes compliant, and a deleted design leaves the report', async () => {
    const owner = await make.user();
    const unit = await businessUnit(owner, 'Changing');
    const asOwner = stack.as(owner);
    await asOwner.data(
      `mutation ($id: ID!, $c: String!) { updateDesign(id: $id, input: { content: $c }, expectedRevision: 1) { revision } }`,
      { id: unit.designs.batch, c: deploymentManifest('batch', { runAsNonRoot: true }) },
    );
    const [fixed] = await reports(owner, [unit.organization]);
    expect(fixed).toMatchObject({ designsEvaluated: 3, compliantDesigns: 2, violations: { totalCount: 1 } });
    expect(fixed?.violations.nodes[0]?.design.id).toBe(unit.designs.settings);

    await asOwner.data(`mutation ($id: ID!) { deleteDesign(id: $id) }`, { id: unit.designs.settings });
    const [deleted] = await reports(owner, [unit.organization]);
    expect(deleted).toMatchObject({
      designsEvaluated: 2,
      compliantDesigns: 2,
      violations: { totalCount: 0 },
    });
  });

  it('answers from the evaluation cache shared with Design.violations, and evaluates again only what changed', async () => {
    const owner = await make.user();
    const unit = await businessUnit(owner, 'Cached');
    const before = stack.complianceStats();
    const [first] = await reports(owner, [unit.organization]);
    expect(stack.complianceStats()).toEqual({ evaluated: before.evaluated + 3, reused: before.reused });
    const [second] = await reports(owner, [unit.organization]);
    expect(second).toEqual(first);
    expect(stack.complianceStats()).toEqual({ evaluated: before.evaluated + 3, reused: before.reused + 3 });
    await stack
      .as(owner)
      .data(`query ($id: ID!) { design(id: $id) { violations { resource } } }`, { id: unit.designs.web });
    expect(stack.complianceStats()).toEqual({ evaluated: before.evaluated + 3, reused: before.reused + 4 });

    await stack
      .as(owner)
      .data(
        `mutation ($id: ID!, $c: String!) { updateDesign(id: $id, input: { content: $c }, expectedRevision: 1) { revision } }`,
        { id: unit.designs.settings, c: configMapManifest('settings') },
      );
    const [third] = await reports(owner, [unit.organization]);
    expect(stack.complianceStats()).toEqual({ evaluated: before.evaluated + 4, reused: before.reused + 6 });
    expect(third).toMatchObject({ compliantDesigns: 2, violations: { totalCount: 2 } });
  });
});
