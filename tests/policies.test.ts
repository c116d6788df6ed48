import { errorCodes, unique, useStack, type TestOrganization, type TestUser } from '@controlplane/testkit';
import {
  configMapManifest,
  COPY_POLICIES,
  CREATE_POLICY,
  createPolicy,
  DELETE_POLICY,
  deploymentManifest,
  documents,
  policyInput,
  type PolicyInput,
  POLICIES,
  UPDATE_POLICY,
  VIOLATIONS,
  violationsOf,
} from './support/policies';

const { stack, make, db } = useStack();

const NOWHERE = '00000000-0000-7000-8000-000000000000';
const NON_ROOT =
  'object.spec.template.spec.containers.all(c, has(c.securityContext) && c.securityContext.runAsNonRoot == true)';
const LABELLED = 'has(object.metadata.labels)';
const BUILTIN = 'Kubernetes manifests';

const UPDATE_DESIGN = `mutation ($id: ID!, $content: String!, $rev: Int!) {
  updateDesign(id: $id, input: { content: $content }, expectedRevision: $rev) { revision }
}`;

async function organizationWithOwner(): Promise<{ owner: TestUser; organization: TestOrganization }> {
  const owner = await make.user();
  return { owner, organization: await make.organization(owner) };
}

async function organizationWithWorkspace() {
  const { owner, organization } = await organizationWithOwner();
  return { owner, organization, workspace: await make.workspace(owner, organization) };
}

/** What violationsOf answers for violations of a design at its first revision, each as [policy, resource, message]. */
function atFirstRevision(...violations: [policy: string, resource: string, message: string][]) {
  return violations.map(([policy, resource, message]) => ({ policy, resource, message, designRevision: 1 }));
}

describe('writing policies', () => {
  it('refuses an expression with a syntax error as BAD_USER_INPUT naming its line and column', async () => {
    const { owner, organization } = await organizationWithOwner();
    const expression = 'object.spec.replicas > 1 &&\n  object.spec.paused = false';
    const response = await stack.as(owner).send(CREATE_POLICY, policyInput(organization, { expression }));
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toBe(
      'input.expression: syntax error: found = but expecting end of input (line 2, column 22)',
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.expression',
      line: 2,
      column: 22,
      reason: 'syntax error: found = but expecting end of input',
    });
    expect((await stack.as(owner).data(POLICIES, { o: organization.id })).policies).toEqual([]);
  });

  it('refuses a type error on create and on update with its position, and keeps the policy as it was', async () => {
    const { owner, organization } = await organizationWithOwner();
    const typeError = "object.metadata.name == 'web' &&\n  spec.replicas == 1";
    const created = await stack
      .as(owner)
      .send(CREATE_POLICY, policyInput(organization, { expression: typeError }));
    expect(errorCodes(created)).toEqual(['BAD_USER_INPUT']);
    expect(created.errors?.[0]?.extensions).toMatchObject({
      field: 'input.expression',
      line: 2,
      column: 3,
      reason: "undeclared reference to 'spec'",
    });

    const policy = await createPolicy(stack.as(owner), organization, { expression: LABELLED });
    const updated = await stack.as(owner).send(UPDATE_POLICY, {
      id: policy.id,
      input: { expression: "size(object.metadata.name) == 'x'" },
    });
    expect(errorCodes(updated)).toEqual(['BAD_USER_INPUT']);
    expect(updated.errors?.[0]?.message).toBe(
      "input.expression: found no matching overload for '_==_' applied to '(int, string)' (line 1, column 28)",
    );
    expect(updated.errors?.[0]?.extensions).toMatchObject({ field: 'input.expression', line: 1, column: 28 });
    const [stored] = (await stack.as(owner).data(POLICIES, { o: organization.id })).policies;
    expect(stored.expression).toBe(LABELLED);
  });

  it('refuses macros nested four deep when the policy is written', async () => {
    const { owner, organization } = await organizationWithOwner();
    const expression =
      'object.items.all(a, object.items.all(b, object.items.all(c, object.items.all(d, a + b + c + d >= 0))))';
    const response = await stack
      .as(owner)
      .send(CREATE_POLICY, policyInput(organization, { expression, message: 'Hostile.' }));
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.extensions).toMatchObject({
      reason: 'macros (all, exists, map, filter…) are nested more than 3 deep',
      line: 1,
    });
  });

  it('lets OWNER and ADMIN manage policies, refuses MEMBER and AUDITOR (FORBIDDEN), and hides them from non-members', async () => {
    const { owner, organization } = await organizationWithOwner();
    const admin = await make.member(owner, organization, 'ADMIN');
    const member = await make.member(owner, organization, 'MEMBER');
    const auditor = await make.member(owner, organization, 'AUDITOR');
    const outsider = await make.user();

    const byOwner = await createPolicy(stack.as(owner), organization, { expression: LABELLED });
    const byAdmin = await createPolicy(stack.as(admin), organization, {
      name: 'admin policy',
      severity: 'HIGH',
      enforcement: 'DENY',
      kinds: ['Deployment', 'Deployment', 'Pod'],
      expression: NON_ROOT,
      message: 'Run as non-root.',
    });
    expect(byAdmin).toMatchObject({
      name: 'admin policy',
      severity: 'HIGH',
      enforcement: 'DENY',
      kinds: ['Deployment', 'Pod'],
      expression: NON_ROOT,
      message: 'Run as non-root.',
    });
    expect(byOwner.enforcement).toBe('AUDIT');
    expect(
      (await stack.as(admin).data(UPDATE_POLICY, { id: byOwner.id, input: { severity: 'CRITICAL' } }))
        .updatePolicy.severity,
    ).toBe('CRITICAL');

    const attempt = (input: Record<string, unknown>) => ({
      input: { organizationId: organization.id, name: unique('p'), severity: 'LOW', message: 'm', ...input },
    });
    for (const refused of [member, auditor]) {
      const as = stack.as(refused);
      expect(await as.codes(CREATE_POLICY, attempt({ expression: LABELLED }))).toEqual(['FORBIDDEN']);
      expect(await as.codes(UPDATE_POLICY, { id: byOwner.id, input: { severity: 'LOW' } })).toEqual([
        'FORBIDDEN',
      ]);
      expect(await as.codes(DELETE_POLICY, { id: byOwner.id })).toEqual(['FORBIDDEN']);
      const read = (await as.data(POLICIES, { o: organization.id })).policies;
      expect(read.map((policy: { name: string }) => policy.name)).toEqual(['admin policy', byOwner.name]);
    }

    const asOutsider = stack.as(outsider);
    expect(await asOutsider.codes(CREATE_POLICY, attempt({ expression: LABELLED }))).toEqual(['NOT_FOUND']);
    expect(await asOutsider.codes(UPDATE_POLICY, { id: byOwner.id, input: { severity: 'LOW' } })).toEqual([
      'NOT_FOUND',
    ]);
    expect(await asOutsider.codes(DELETE_POLICY, { id: byOwner.id })).toEqual(['NOT_FOUND']);
    expect(await asOutsider.codes(POLICIES, { o: organization.id })).toEqual(['NOT_FOUND']);
    expect(await asOutsider.codes(DELETE_POLICY, { id: NOWHERE })).toEqual(['NOT_FOUND']);
    expect(await stack.anonymous.codes(POLICIES, { o: organization.id })).toEqual(['UNAUTHENTICATED']);

    expect((await stack.as(admin).data(DELETE_POLICY, { id: byOwner.id })).deletePolicy).toBe(true);
    expect(await stack.as(owner).codes(DELETE_POLICY, { id: byOwner.id })).toEqual(['NOT_FOUND']);
    const left = (await stack.as(member).data(POLICIES, { o: organization.id })).policies;
    expect(left.map((policy: { id: string }) => policy.id)).toEqual([byAdmin.id]);
  });

  it('refuses a second policy with the same name in one organization as CONFLICT', async () => {
    const { owner, organization } = await organizationWithOwner();
    const first = await createPolicy(stack.as(owner), organization, { expression: LABELLED });
    const again = await stack
      .as(owner)
      .send(
        CREATE_POLICY,
        policyInput(organization, { name: first.name, expression: LABELLED, message: 'm' }),
      );
    expect(errorCodes(again)).toEqual(['CONFLICT']);
  });
});

describe('Design.violations', () => {
  it('applies a policy only to its kinds and names the resource of each violating document', async () => {
    const { owner, organization, workspace } = await organizationWithWorkspace();
    await createPolicy(stack.as(owner), organization, {
      name: 'a non-root',
      kinds: ['Deployment'],
      expression: NON_ROOT,
      message: 'Run as non-root.',
    });
    await createPolicy(stack.as(owner), organization, {
      name: 'b labelled',
      expression: LABELLED,
      message: 'Label every object.',
    });
    const design = await make.design(owner, workspace, {
      content: documents(
        deploymentManifest('web', { runAsNonRoot: false }),
        configMapManifest('settings', { labels: false }),
        deploymentManifest('api', { runAsNonRoot: true, labels: false }),
        configMapManifest('labelled'),
      ),
    });
    expect(await violationsOf(stack.as(owner), design.id)).toEqual(
      atFirstRevision(
        ['a non-root', 'Deployment/shop/web', 'Run as non-root.'],
        ['b labelled', 'ConfigMap/shop/settings', 'Label every object.'],
        ['b labelled', 'Deployment/shop/api', 'Label every object.'],
      ),
    );
  });

  it('counts a runtime error, such as a missing field, as a violation that says why', async () => {
    const { owner, organization, workspace } = await organizationWithWorkspace();
    await createPolicy(stack.as(owner), organization, {
      name: 'replicas',
      expression: 'object.spec.replicas >= 2',
      message: 'Run at least two replicas.',
    });
    const design = await make.design(owner, workspace, {
      content: documents(deploymentManifest('web'), configMapManifest('settings')),
    });
    const failed = 'Run at least two replicas. (expression failed: no such key: spec)';
    expect(await violationsOf(stack.as(owner), design.id)).toEqual(
      atFirstRevision(['replicas', 'ConfigMap/shop/settings', failed]),
    );
  });

  it('reports documents that are not Kubernetes objects, or not valid YAML, under the built-in rule instead of failing', async () => {
    const { owner, organization, workspace } = await organizationWithWorkspace();
    const policy = await createPolicy(stack.as(owner), organization, { expression: LABELLED });
    const notKubernetes = await make.design(owner, workspace, {
      content: documents(configMapManifest('fine'), 'a: 1\n', 'just a sentence\n'),
    });
    const violations = (await stack.as(owner).data(VIOLATIONS, { id: notKubernetes.id })).design.violations;
    expect(
      violations.map((v: { resource: string; policy: { name: string } }) => [v.policy.name, v.resource]),
    ).toEqual([
      [BUILTIN, 'document 2'],
      [BUILTIN, 'document 3'],
    ]);
    expect(violations[0].message).toBe(
      'Not a Kubernetes object: apiVersion and kind and metadata.name must be non-empty strings.',
    );
    expect(violations[1].message).toBe('Not a Kubernetes object: the document is a string, not a mapping.');
    expect(violations.every((v: { policy: { id: string } }) => v.policy.id !== policy.id)).toBe(true);

    // An alias bomb is valid YAML for the API, and refused by evaluation as a document it cannot read.
    const aliases = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
    ];
    aliases.push(`c: [${Array.from({ length: 20 }, () => '*b').join(', ')}]`);
    const bomb = await make.design(owner, workspace, { content: `${aliases.join('\n')}\n` });
    const [bombViolation, ...rest] = await violationsOf(stack.as(owner), bomb.id);
    expect(rest).toEqual([]);
    expect(bombViolation).toMatchObject({ policy: BUILTIN, resource: 'document 1' });
    expect(bombViolation?.message).toBe(
      'Document could not be read: Excessive alias count indicates a resource exhaustion attack',
    );

    // Content that is not YAML at all cannot be saved through the API; a row written before the
    // API checked it (arranged here in SQL) is still reported, not a failed query.
    const broken = await make.design(owner, workspace, { content: configMapManifest('later') });
    await db.query(`UPDATE workspace."Design" SET content = $2 WHERE id = $1`, [
      broken.id,
      'key: [unclosed\nother: : :\n',
    ]);
    const response = await stack.as(owner).send(VIOLATIONS, { id: broken.id });
    expect(response.errors).toBeUndefined();
    const [yamlViolation] = response.data.design.violations;
    expect(response.data.design.violations).toHaveLength(1);
    expect(yamlViolation).toMatchObject({ policy: { name: BUILTIN }, resource: 'document 1' });
    expect(yamlViolation.message).toBe(
      'Not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1.',
    );
  });

  it('stops a hostile expression at its cost limit and reports it as a violation, without hanging', async () => {
    const { owner, organization, workspace } = await organizationWithWorkspace();
    await createPolicy(stack.as(owner), organization, {
      name: 'hostile',
      kinds: ['ConfigMap'],
      expression:
        'object.data.items.all(a, object.data.items.all(b, object.data.items.all(c, a + b + c >= 0)))',
      message: 'Too expensive.',
    });
    const items = Array.from({ length: 300 }, (_, index) => index).join(', ');
    const design = await make.design(owner, workspace, {
      content: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: large }\ndata: { items: [${items}] }\n`,
    });
    const stopped = 'Too expensive. (expression exceeded its cost limit of 100000 units)';
    expect(await violationsOf(stack.as(owner), design.id)).toEqual(
      atFirstRevision(['hostile', 'ConfigMap//large', stopped]),
    );
  });

  it('follows design visibility: who cannot see the design gets NOT_FOUND, as for the design itself', async () => {
    const { owner, organization, workspace } = await organizationWithWorkspace();
    await createPolicy(stack.as(owner), organization, { name: 'labelled', expression: LABELLED });
    const design = await make.design(owner, workspace, {
      content: configMapManifest('x', { labels: false }),
    });
    const team = await make.team(owner, organization);
    const viewer = await make.member(owner, organization, 'MEMBER', { teamIds: [team.id] });
    await make.workspaceGrant(owner, workspace, team, 'VIEWER');
    const ungranted = await make.member(owner, organization, 'MEMBER');
    const auditor = await make.member(owner, organization, 'AUDITOR');
    const outsider = await make.user();

    for (const reader of [owner, viewer, auditor]) {
      expect((await violationsOf(stack.as(reader), design.id)).map((v) => v.policy)).toEqual(['labelled']);
    }
    for (const stranger of [ungranted, outsider]) {
      const response = await stack.as(stranger).send(VIOLATIONS, { id: design.id });
      expect(errorCodes(response)).toEqual(['NOT_FOUND']);
      expect(response.data?.design ?? null).toBeNull();
    }
    expect(await stack.anonymous.codes(VIOLATIONS, { id: design.id })).toEqual(['UNAUTHENTICATED']);
  });

  it('is read from the cache while nothing changed, and changes exactly when the design or any policy does', async () => {
    const { owner, organization, workspace } = await organizationWithWorkspace();
    const asOwner = stack.as(owner);
    const nonRoot = await createPolicy(asOwner, organization, {
      name: 'non-root',
      kinds: ['Deployment'],
      expression: NON_ROOT,
      message: 'Run as non-root.',
    });
    const design = await make.design(owner, workspace, { content: deploymentManifest('web') });
    const policiesOf = async () =>
      (await violationsOf(asOwner, design.id)).map((v) => `${v.policy}@${v.designRevision}`);

    const before = stack.complianceStats();
    const first = await asOwner.send(VIOLATIONS, { id: design.id });
    const second = await asOwner.send(VIOLATIONS, { id: design.id });
    expect(second.data).toEqual(first.data);
    expect(first.data.design.violations.map((v: { policy: { name: string } }) => v.policy.name)).toEqual([
      'non-root',
    ]);
    expect(stack.complianceStats()).toEqual({ evaluated: before.evaluated + 1, reused: before.reused + 1 });
    const statements = (response: { headers: Headers }) =>
      stack.sqlStatementsOf(response.headers.get('x-request-id') as string).workspace;
    expect(statements(second)).toBeLessThan(statements(first));

    // A new revision of the design.
    await asOwner.data(UPDATE_DESIGN, {
      id: design.id,
      rev: 1,
      content: deploymentManifest('web', { runAsNonRoot: true }),
    });
    expect(await policiesOf()).toEqual([]);

    // Each change of the policy set: a new policy, an edited one, a deleted one.
    const labelled = await createPolicy(asOwner, organization, {
      name: 'labelled',
      expression: 'has(object.metadata.annotations)',
    });
    expect(await policiesOf()).toEqual(['labelled@2']);
    await asOwner.data(UPDATE_POLICY, { id: nonRoot.id, input: { expression: 'object.spec.replicas > 5' } });
    expect(await policiesOf()).toEqual(['labelled@2', 'non-root@2']);
    await asOwner.data(UPDATE_POLICY, { id: nonRoot.id, input: { kinds: ['Pod'] } });
    expect(await policiesOf()).toEqual(['labelled@2']);
    await asOwner.data(DELETE_POLICY, { id: labelled.id });
    expect(await policiesOf()).toEqual([]);

    // Another organization's policy change leaves this design's cached evaluation valid.
    const other = await organizationWithOwner();
    const settled = stack.complianceStats();
    await createPolicy(stack.as(other.owner), other.organization, { expression: LABELLED });
    expect(await policiesOf()).toEqual([]);
    expect(stack.complianceStats()).toEqual({ evaluated: settled.evaluated, reused: settled.reused + 1 });
  });
});

describe('copyPolicies', () => {
  it('copies every policy, replacing same-name ones, with one policy.copy event in the target naming only the source', async () => {
    const source = await organizationWithOwner();
    const target = await organizationWithOwner();
    // A plain MEMBER of the source, and ADMIN of the target.
    const architect = await make.member(source.owner, source.organization, 'MEMBER');
    const invitation = await make.invitation(target.owner, target.organization, architect.email, 'ADMIN');
    await stack.as(architect).data(`mutation ($t: String!) { acceptInvitation(token: $t) { role } }`, {
      t: invitation,
    });
    const shared = unique('shared');
    const fromTheStandard: PolicyInput = {
      severity: 'CRITICAL',
      enforcement: 'DENY',
      kinds: ['Deployment'],
      expression: NON_ROOT,
      message: 'Run as non-root.',
      description: 'From the standard.',
    };
    await createPolicy(stack.as(source.owner), source.organization, { name: shared, ...fromTheStandard });
    await createPolicy(stack.as(source.owner), source.organization, {
      name: 'only in source',
      expression: LABELLED,
    });
    const replaced = await createPolicy(stack.as(target.owner), target.organization, {
      name: shared,
      expression: 'true',
      message: 'Old.',
    });
    const kept = await createPolicy(stack.as(target.owner), target.organization, {
      name: 'only in target',
      expression: 'true',
    });

    const { copyPolicies } = await stack
      .as(architect)
      .data(COPY_POLICIES, { from: source.organization.id, to: target.organization.id });
    expect(copyPolicies.map((p: { name: string }) => p.name).sort()).toEqual(
      ['only in source', shared].sort(),
    );
    expect(
      copyPolicies.every(
        (p: { organization: { id: string } }) => p.organization.id === target.organization.id,
      ),
    ).toBe(true);

    const after = (await stack.as(target.owner).data(POLICIES, { o: target.organization.id })).policies;
    expect(after.map((p: { name: string }) => p.name).sort()).toEqual(
      ['only in source', 'only in target', shared].sort(),
    );
    const standard = after.find((p: { name: string }) => p.name === shared);
    expect(standard).toMatchObject({
      id: replaced.id,
      ...fromTheStandard,
      organization: { id: target.organization.id },
    });
    expect(after.find((p: { name: string }) => p.name === 'only in target').id).toBe(kept.id);

    await stack.flushOutboxes();
    const { auditLog } = await stack.as(target.owner).data(
      `query ($o: [ID!]!) { auditLog(organizationIds: $o, first: 100, filter: { actions: ["policy.copy"] }) {
        nodes { action targetType targetId metadata organization { id } actor { id } } } }`,
      { o: [target.organization.id] },
    );
    expect(auditLog.nodes).toEqual([
      {
        action: 'policy.copy',
        targetType: 'Organization',
        targetId: target.organization.id,
        metadata: { fromOrganizationId: source.organization.id, policies: 2 },
        organization: { id: target.organization.id },
        actor: { id: architect.id },
      },
    ]);
    // The target learns no more of the source than its id: it still cannot read it.
    expect(await stack.as(target.owner).codes(POLICIES, { o: source.organization.id })).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('refuses a caller who is not a member of the source exactly as it refuses a source that does not exist', async () => {
    const source = await organizationWithOwner();
    const target = await organizationWithOwner();
    await createPolicy(stack.as(source.owner), source.organization, { expression: LABELLED });
    const foreign = await stack.as(target.owner).send(COPY_POLICIES, {
      from: source.organization.id,
      to: target.organization.id,
    });
    const missing = await stack
      .as(target.owner)
      .send(COPY_POLICIES, { from: NOWHERE, to: target.organization.id });
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
    expect(foreign.errors).toEqual(missing.errors);
    expect(foreign.data).toEqual(missing.data);
    expect((await stack.as(target.owner).data(POLICIES, { o: target.organization.id })).policies).toEqual([]);
  });

  it('refuses a MEMBER or AUDITOR of the target (FORBIDDEN), even when they own the source', async () => {
    const source = await organizationWithOwner();
    const target = await organizationWithOwner();
    await createPolicy(stack.as(source.owner), source.organization, { expression: LABELLED });
    const token = await make.invitation(target.owner, target.organization, source.owner.email, 'MEMBER');
    await stack
      .as(source.owner)
      .data(`mutation ($t: String!) { acceptInvitation(token: $t) { role } }`, { t: token });
    const copy = () =>
      stack
        .as(source.owner)
        .codes(COPY_POLICIES, { from: source.organization.id, to: target.organization.id });
    expect(await copy()).toEqual(['FORBIDDEN']);
    await make.memberRole(target.owner, target.organization, source.owner, 'AUDITOR');
    expect(await copy()).toEqual(['FORBIDDEN']);
    expect((await stack.as(target.owner).data(POLICIES, { o: target.organization.id })).policies).toEqual([]);
  });
});

describe('the audit trail of policies', () => {
  it('records policy.create, policy.update, policy.delete and policy.copy in the organization', async () => {
    const { owner, organization } = await organizationWithOwner();
    const source = await make.organization(owner);
    await createPolicy(stack.as(owner), source, { expression: LABELLED });
    const policy = await createPolicy(stack.as(owner), organization, { expression: LABELLED });
    await stack
      .as(owner)
      .data(UPDATE_POLICY, { id: policy.id, input: { severity: 'HIGH', message: 'Now high.' } });
    await stack.as(owner).data(DELETE_POLICY, { id: policy.id });
    await stack.as(owner).data(COPY_POLICIES, { from: source.id, to: organization.id });

    await stack.flushOutboxes();
    const { auditLog } = await stack
      .as(owner)
      .data(
        `query ($o: [ID!]!) { auditLog(organizationIds: $o, first: 100) { nodes { action targetType targetId metadata } } }`,
        { o: [organization.id] },
      );
    const policyEvents = auditLog.nodes
      .filter((node: { action: string }) => node.action.startsWith('policy.'))
      .reverse();
    expect(policyEvents).toEqual([
      {
        action: 'policy.create',
        targetType: 'Policy',
        targetId: policy.id,
        metadata: { name: policy.name, severity: 'LOW', enforcement: 'AUDIT' },
      },
      {
        action: 'policy.update',
        targetType: 'Policy',
        targetId: policy.id,
        metadata: { name: policy.name, changed: expect.arrayContaining(['severity', 'message']) },
      },
      { action: 'policy.delete', targetType: 'Policy', targetId: policy.id, metadata: { name: policy.name } },
      {
        action: 'policy.copy',
        targetType: 'Organization',
        targetId: organization.id,
        metadata: { fromOrganizationId: source.id, policies: 1 },
      },
    ]);
  });
});
