import { errorCodes, useStack } from '@controlplane/testkit';

const { stack, make, db } = useStack();

const CREATE = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name role prefix createdBy { id } revokedAt lastUsedAt } } }`;
const REVOKE = `mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`;

describe('createApiKey', () => {
  it('returns the secret once, stores only its hash, and lists the key with its prefix', async () => {
    const { admin, organization } = await make.organizationWithAdmin();
    const created = (
      await stack
        .as(admin)
        .data(CREATE, { input: { organizationId: organization.id, name: 'CI', role: 'AUDITOR' } })
    ).createApiKey;
    expect(created.secret).toMatch(/^cpk_/);
    expect(created.secret.startsWith(created.apiKey.prefix)).toBe(true);
    expect(created.apiKey).toMatchObject({
      name: 'CI',
      role: 'AUDITOR',
      createdBy: { id: admin.id },
      revokedAt: null,
    });

    const listed = await stack
      .as(admin)
      .send(`query ($id: ID!) { organization(id: $id) { apiKeys { id prefix } } }`, { id: organization.id });
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const { rows } = await db.query(`SELECT "secretHash" FROM identity."ApiKey" WHERE id = $1`, [
      created.apiKey.id,
    ]);
    expect(rows[0].secretHash).not.toContain(created.secret.slice(4));
  });

  it("refuses an OWNER key, a key above the creator's role, and a MEMBER or API key creating keys", async () => {
    const { owner, admin, organization } = await make.organizationWithAdmin();
    const member = await make.member(owner, organization, 'MEMBER');
    const input = (role: string) => ({ input: { organizationId: organization.id, name: 'k', role } });
    expect(await stack.as(owner).codes(CREATE, input('OWNER'))).toEqual(['BAD_USER_INPUT']);
    expect(await stack.as(member).codes(CREATE, input('MEMBER'))).toEqual(['FORBIDDEN']);
    const key = await make.apiKey(admin, organization, 'ADMIN');
    expect(await stack.as(key).codes(CREATE, input('AUDITOR'))).toEqual(['FORBIDDEN']);
  });
});

describe('an API key at the gateway', () => {
  it('acts inside its one organization with its role', async () => {
    const { owner, admin, organization } = await make.organizationWithAdmin();
    const other = await make.organization(owner);
    const key = await make.apiKey(admin, organization, 'AUDITOR');
    const data = await stack.as(key).data(`{ organizations { id viewerRole } me { user { id } } }`);
    expect(data).toEqual({ organizations: [{ id: organization.id, viewerRole: 'AUDITOR' }], me: null });
    const foreign = await stack
      .as(key)
      .send(`query ($id: ID!) { organization(id: $id) { id } }`, { id: other.id });
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
  });

  it('gives an AUDITOR key read-only access', async () => {
    const { admin, organization } = await make.organizationWithAdmin();
    const key = await make.apiKey(admin, organization, 'AUDITOR');
    const createTeam = `mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id } }`;
    const input = { organizationId: organization.id, name: 'nope' };
    expect(await stack.as(key).codes(createTeam, { input })).toEqual(['FORBIDDEN']);
    const createOrganization = `mutation { createOrganization(input: { name: "Key Org" }) { id } }`;
    expect(await stack.as(key).codes(createOrganization)).toEqual(['FORBIDDEN']);
  });

  it('records lastUsedAt and stops working on the next request after revocation', async () => {
    const { admin, organization } = await make.organizationWithAdmin();
    const key = await make.apiKey(admin, organization, 'MEMBER');
    await stack.as(key).data(`{ organizations { id } }`);
    const keys = await stack
      .as(admin)
      .data(`query ($id: ID!) { organization(id: $id) { apiKeys { id lastUsedAt } } }`, {
        id: organization.id,
      });
    expect(keys.organization.apiKeys.find((k: { id: string }) => k.id === key.id).lastUsedAt).not.toBeNull();

    expect((await stack.as(admin).data(REVOKE, { id: key.id })).revokeApiKey.revokedAt).not.toBeNull();
    const after = await stack.as(key).send(`{ organizations { id } }`);
    expect(after.status).toBe(401);
    expect(errorCodes(after)).toEqual(['UNAUTHENTICATED']);
  });

  it('stops working once expired', async () => {
    const { admin, organization } = await make.organizationWithAdmin();
    const key = await make.apiKey(admin, organization, 'MEMBER');
    await db.query(`UPDATE identity."ApiKey" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [
      key.id,
    ]);
    expect(await stack.as(key).codes(`{ organizations { id } }`)).toEqual(['UNAUTHENTICATED']);
  });

  it("acts no higher than its creator's current role", async () => {
    const { owner, admin, organization } = await make.organizationWithAdmin();
    const key = await make.apiKey(admin, organization, 'ADMIN');
    await make.memberRole(owner, organization, admin, 'MEMBER');
    const data = await stack.as(key).data(`{ organizations { viewerRole } }`);
    expect(data.organizations).toEqual([{ viewerRole: 'MEMBER' }]);
  });

  it('lets only OWNER and ADMIN revoke keys; outsiders get NOT_FOUND', async () => {
    const { owner, admin, organization } = await make.organizationWithAdmin();
    const member = await make.member(owner, organization, 'MEMBER');
    const outsider = await make.user();
    const key = await make.apiKey(admin, organization, 'MEMBER');
    expect(await stack.as(member).codes(REVOKE, { id: key.id })).toEqual(['FORBIDDEN']);
    expect(await stack.as(outsider).codes(REVOKE, { id: key.id })).toEqual(['NOT_FOUND']);
    expect(
      await stack
        .as(member)
        .codes(`query ($id: ID!) { organization(id: $id) { apiKeys { id } } }`, { id: organization.id }),
    ).toEqual(['FORBIDDEN']);
  });
});

/**
 * Guards issue 11 (3): a key acts with the intersection of its own role's rights and its
 * creator's current rights, for every pair of roles. The expected rights are written out here
 * from the SPEC's role table, independently of how the service computes them.
 */
describe('an API key whose creator changed role', () => {
  type Right = 'readOrganization' | 'readWorkspace' | 'readAuditLog' | 'write';
  const USER_RIGHTS: Record<string, Right[]> = {
    OWNER: ['readOrganization', 'readWorkspace', 'readAuditLog', 'write'],
    ADMIN: ['readOrganization', 'readWorkspace', 'readAuditLog', 'write'],
    // The creator below is in no team: a MEMBER reads organization-wide objects only.
    MEMBER: ['readOrganization'],
    AUDITOR: ['readOrganization', 'readWorkspace', 'readAuditLog'],
  };
  // A key never carries team grants, so its rights are those of its role alone.
  const KEY_RIGHTS: Record<string, Right[]> = {
    ADMIN: ['readOrganization', 'readWorkspace', 'readAuditLog', 'write'],
    MEMBER: ['readOrganization'],
    AUDITOR: ['readOrganization', 'readWorkspace', 'readAuditLog'],
  };
  const PAIRS = (['ADMIN', 'MEMBER', 'AUDITOR'] as const).flatMap((keyRole) =>
    (['OWNER', 'ADMIN', 'MEMBER', 'AUDITOR'] as const).map((creatorRole) => [keyRole, creatorRole] as const),
  );

  async function rightsOf(secret: string, organizationId: string, workspaceId: string): Promise<Right[]> {
    const probes: [Right, string, Record<string, unknown>][] = [
      [
        'readOrganization',
        `query ($o: ID!) { organization(id: $o) { teams { id } } }`,
        { o: organizationId },
      ],
      [
        'readWorkspace',
        `query ($w: ID!) { workspace(id: $w) { designs { nodes { content } } } }`,
        { w: workspaceId },
      ],
      [
        'readAuditLog',
        `query ($o: ID!) { auditLog(organizationIds: [$o]) { totalCount } }`,
        { o: organizationId },
      ],
      [
        'write',
        `mutation ($o: ID!, $n: String!) { createTeam(input: { organizationId: $o, name: $n }) { id } }`,
        { o: organizationId, n: `probe-${Math.random().toString(36).slice(2, 10)}` },
      ],
    ];
    const granted: Right[] = [];
    for (const [right, query, variables] of probes) {
      const response = await stack.as(secret).send(query, variables);
      if (response.errors === undefined) granted.push(right);
      else expect(errorCodes(response)).toEqual([expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/)]);
    }
    return granted;
  }

  it.each(PAIRS)(
    'acts with the intersection of a %s key and its creator now %s',
    async (keyRole, creatorRole) => {
      const { owner, organization } = await make.organizationWithAdmin();
      const workspace = await make.workspace(owner, organization);
      await make.design(owner, workspace, { name: 'private', content: 'a: 1' });
      const creator = await make.member(owner, organization, 'ADMIN');
      const key = await make.apiKey(creator, organization, keyRole);
      await make.memberRole(owner, organization, creator, creatorRole);
      const expected = KEY_RIGHTS[keyRole]!.filter((right) => USER_RIGHTS[creatorRole]!.includes(right));
      expect(await rightsOf(key.secret, organization.id, workspace.id)).toEqual(expected);
    },
  );
});
