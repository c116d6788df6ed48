import { randomUUID } from 'node:crypto';
import { errorCodes, expectData, useStack } from '@controlplane/testkit';
import type { TestOrganization, TestUser } from '@controlplane/testkit';

const { stack, make, db } = useStack();

const AUDIT = `query ($orgs: [ID!]!, $filter: AuditFilter, $first: Int, $after: String) {
  auditLog(organizationIds: $orgs, filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id action targetType targetId metadata requestId occurredAt organization { id } actor { type id displayName } }
  }
}`;

type AuditNode = {
  id: string;
  action: string;
  targetType: string;
  targetId: string | null;
  metadata: Record<string, unknown> | null;
  requestId: string | null;
  organization: { id: string };
  actor: { type: string; id: string | null; displayName: string | null };
};

async function events(
  viewer: TestUser | string,
  organizations: TestOrganization[],
  filter?: Record<string, unknown>,
): Promise<AuditNode[]> {
  await stack.flushOutboxes();
  const { auditLog } = await stack
    .as(viewer)
    .data(AUDIT, { orgs: organizations.map((o) => o.id), filter, first: 100 });
  return auditLog.nodes;
}

const actions = (nodes: AuditNode[]) => nodes.map((node) => node.action).reverse();

describe('the audit trail records every change with its actor', () => {
  it('covers identity changes: organization, members, teams, invitations, API keys', async () => {
    const owner = await make.user({ displayName: 'Olive Owner' });
    const organization = await make.organization(owner);
    const team = await make.team(owner, organization);
    const member = await make.member(owner, organization, 'MEMBER');
    await make.teamMember(owner, team.id, member);
    const key = await make.apiKey(owner, organization, 'AUDITOR');
    await make.memberRole(owner, organization, member, 'ADMIN');
    await stack
      .as(owner)
      .data(`mutation ($id: ID!) { updateOrganization(id: $id, input: { description: "Audited" }) { id } }`, {
        id: organization.id,
      });
    await stack.as(owner).data(`mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: key.id });

    const trail = await events(owner, [organization]);
    // prettier-ignore
    expect(actions(trail)).toEqual([
      'organization.create', 'team.create', 'invitation.create', 'invitation.accept', 'team.member.add',
      'apikey.create', 'member.role.set', 'organization.update', 'apikey.revoke',
    ]);
    const roleChange = trail.find((event) => event.action === 'member.role.set') as AuditNode;
    expect(roleChange).toMatchObject({
      organization: { id: organization.id },
      actor: { type: 'USER', id: owner.id, displayName: 'Olive Owner' },
      targetType: 'User',
      targetId: member.id,
      metadata: { from: 'MEMBER', to: 'ADMIN' },
    });
    expect(trail.find((event) => event.action === 'organization.update')?.metadata).toEqual({
      changed: ['description'],
    });
    expect(trail.find((event) => event.action === 'invitation.accept')?.actor.id).toBe(member.id);
    const created = trail.find((event) => event.action === 'apikey.create') as AuditNode;
    expect(JSON.stringify(created)).not.toContain(key.secret);
  });

  it("covers workspace changes, carries the gateway's request id, and never stores credentials", async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const response = await stack
      .as(owner)
      .send(`mutation ($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id } }`, {
        input: { organizationId: organization.id, name: 'audited' },
      });
    const workspace = expectData(response).createWorkspace;
    const design = await make.design(owner, workspace, { name: 'd', content: 'a: 1' });
    await stack
      .as(owner)
      .data(
        `mutation ($id: ID!) { updateDesign(id: $id, input: { content: "a: 2" }, expectedRevision: 1) { revision } }`,
        { id: design.id },
      );
    await stack
      .as(owner)
      .data(`mutation ($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`, {
        input: {
          organizationId: organization.id,
          name: 'c',
          kind: 'GIT',
          url: 'https://git.example.test',
          credentials: { token: 'never-in-audit-42' },
        },
      });
    await stack.as(owner).data(`mutation ($id: ID!) { deleteDesign(id: $id) }`, { id: design.id });

    const trail = await events(owner, [organization]);
    // prettier-ignore
    expect(actions(trail)).toEqual([
      'organization.create', 'workspace.create', 'design.create', 'design.update', 'connection.create',
      'design.delete',
    ]);
    expect(trail.find((event) => event.action === 'workspace.create')).toMatchObject({
      requestId: response.headers.get('x-request-id'),
      targetType: 'Workspace',
      targetId: workspace.id,
      actor: { type: 'USER', id: owner.id },
    });
    expect(trail.find((event) => event.action === 'design.update')?.metadata).toEqual({
      changed: ['content'],
      revision: 2,
    });
    expect(JSON.stringify(trail)).not.toContain('never-in-audit-42');
  });

  it('attributes changes made with an API key to the key', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const key = await make.apiKey(owner, organization, 'ADMIN');
    await stack.as(key).data(`mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, {
      input: { organizationId: organization.id, name: 'by-key' },
    });
    const trail = await events(owner, [organization], { actions: ['team.create'] });
    expect(trail).toHaveLength(1);
    expect(trail[0]?.actor).toMatchObject({ type: 'API_KEY', id: key.id });
  });

  it('shows a relayed event within a second of the change, without being asked to flush', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const started = Date.now();
    await make.workspace(owner, organization, { name: 'fast' });
    let seen = false;
    while (!seen && Date.now() - started < 1000) {
      const nodes = (
        await stack
          .as(owner)
          .data(AUDIT, { orgs: [organization.id], filter: { actions: ['workspace.create'] } })
      ).auditLog.nodes;
      seen = nodes.length === 1;
      if (!seen) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen).toBe(true);
  });
});

describe('a failed mutation', () => {
  it('writes no event', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const team = await make.team(owner, organization);
    const workspace = await make.workspace(owner, organization);
    const design = await make.design(owner, workspace, { name: 'd', content: 'a: 1' });
    expect(
      await stack
        .as(owner)
        .codes(`mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, {
          input: { organizationId: organization.id, name: team.name },
        }),
    ).toEqual(['CONFLICT']);
    expect(
      await stack
        .as(owner)
        .codes(
          `mutation ($id: ID!) { updateDesign(id: $id, input: { content: "b: 1" }, expectedRevision: 7) { id } }`,
          { id: design.id },
        ),
    ).toEqual(['CONFLICT']);
    expect(
      await stack
        .as(owner)
        .codes(
          `mutation ($o: ID!, $u: ID!) { setMemberRole(organizationId: $o, userId: $u, role: ADMIN) { role } }`,
          { o: organization.id, u: owner.id },
        ),
    ).toEqual(['BAD_USER_INPUT']);
    const trail = await events(owner, [organization]);
    expect(actions(trail)).toEqual([
      'organization.create',
      'team.create',
      'workspace.create',
      'design.create',
    ]);
  });
});

describe('reading the audit log', () => {
  it('lets an AUDITOR of two organizations read both in one query and nothing of a third', async () => {
    const [a, b, c] = [await make.user(), await make.user(), await make.user()];
    const orgA = await make.organization(a);
    const orgB = await make.organization(b);
    const orgC = await make.organization(c);
    const auditor = await make.member(a, orgA, 'AUDITOR');
    const token = await make.invitation(b, orgB, auditor.email, 'AUDITOR');
    await stack
      .as(auditor)
      .data(`mutation ($t: String!) { acceptInvitation(token: $t) { role } }`, { t: token });
    const both = await events(auditor, [orgA, orgB]);
    expect(new Set(both.map((event) => event.organization.id))).toEqual(new Set([orgA.id, orgB.id]));
    const third = await stack.as(auditor).send(AUDIT, { orgs: [orgA.id, orgC.id] });
    expect(errorCodes(third)).toEqual(['FORBIDDEN']);
    expect(third.data).toBeNull();
  });

  it('gives the same refusal for an organization where the caller is a MEMBER and one that does not exist', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const member = await make.member(owner, organization, 'MEMBER');
    const asMember = await stack.as(member).send(AUDIT, { orgs: [organization.id] });
    const unknown = await stack.as(member).send(AUDIT, { orgs: ['00000000-0000-7000-8000-000000000000'] });
    expect(errorCodes(asMember)).toEqual(['FORBIDDEN']);
    expect(unknown.errors).toEqual(asMember.errors);
    expect(await stack.anonymous.codes(AUDIT, { orgs: [organization.id] })).toEqual(['UNAUTHENTICATED']);
  });

  it('filters by action, actor, target and time, and pages newest first', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const admin = await make.member(owner, organization, 'ADMIN');
    const first = await make.team(admin, organization);
    const since = new Date().toISOString();
    await make.team(admin, organization);
    await make.team(owner, organization);
    expect(
      (await events(owner, [organization], { actions: ['team.create'], actorId: admin.id })).map(
        (e) => e.actor.id,
      ),
    ).toEqual([admin.id, admin.id]);
    expect(
      (await events(owner, [organization], { targetType: 'Team', targetId: first.id })).map((e) => e.action),
    ).toEqual(['team.create']);
    expect(await events(owner, [organization], { actions: ['team.create'], since })).toHaveLength(2);
    expect(await events(owner, [organization], { until: '2000-01-01T00:00:00Z' })).toEqual([]);

    const page1 = (await stack.as(owner).data(AUDIT, { orgs: [organization.id], first: 2 })).auditLog;
    const page2 = (
      await stack
        .as(owner)
        .data(AUDIT, { orgs: [organization.id], first: 100, after: page1.pageInfo.endCursor })
    ).auditLog;
    const all = await events(owner, [organization]);
    expect([...page1.nodes, ...page2.nodes].map((e: AuditNode) => e.id)).toEqual(all.map((e) => e.id));
    expect(page1.totalCount).toBe(all.length);
  });
});

describe('audit events', () => {
  it('cannot be changed or deleted by the database role the services use', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const { rows } = await db.query(`SELECT id FROM identity."AuditEvent" WHERE "organizationId" = $1`, [
      organization.id,
    ]);
    expect(rows).toHaveLength(1);
    await expect(
      db.query(`UPDATE identity."AuditEvent" SET action = 'forged.action' WHERE id = $1`, [rows[0].id]),
    ).rejects.toThrow(/immutable/);
    await expect(db.query(`DELETE FROM identity."AuditEvent" WHERE id = $1`, [rows[0].id])).rejects.toThrow(
      /immutable/,
    );
    await expect(db.query(`TRUNCATE identity."AuditEvent"`)).rejects.toThrow(/immutable/);
    expect((await events(owner, [organization])).map((e) => e.action)).toEqual(['organization.create']);
  });
});

describe('the audit relay', () => {
  it('delivers events left in an outbox by a process that died after committing, and stores a redelivery once', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const event = {
      id: randomUUID(),
      organizationId: organization.id,
      actorType: 'USER',
      actorId: owner.id,
      actorDisplayName: owner.displayName,
      action: 'workspace.create',
      targetType: 'Workspace',
      targetId: null,
      metadata: { name: 'left behind' },
      requestId: 'crashed-request',
      occurredAt: new Date().toISOString(),
    };
    // The change committed with its outbox row, then the process died before relaying it.
    await db.query(`INSERT INTO workspace."AuditOutbox" (id, event) VALUES ($1, $2)`, [
      event.id,
      JSON.stringify(event),
    ]);
    const delivered = await events(owner, [organization], { actions: ['workspace.create'] });
    expect(delivered).toEqual([
      expect.objectContaining({
        id: event.id,
        requestId: 'crashed-request',
        metadata: { name: 'left behind' },
      }),
    ]);
    // Delivered again (say identity's answer was lost): still one event.
    await db.query(`INSERT INTO catalog."AuditOutbox" (id, event) VALUES ($1, $2)`, [
      event.id,
      JSON.stringify(event),
    ]);
    expect(await events(owner, [organization], { actions: ['workspace.create'] })).toHaveLength(1);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM workspace."AuditOutbox" WHERE id = $1`, [
      event.id,
    ]);
    expect(rows[0].n).toBe(0);
  });
});
