import { useStack, type TestUser } from '@controlplane/testkit';

/**
 * Fuzzes the mutations' inputs through the gateway with a seeded generator (reproducible):
 * random and unicode strings, huge values, wrong types, nulls. Every response must be a
 * well-formed GraphQL answer with a contract error code (never a 500, an internal error or a
 * stack trace), and data may change only when the mutation succeeded: every success writes
 * exactly one audit event and a refusal writes none, so the audit count proves it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 240);
const ALLOWED_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'UNAUTHENTICATED',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
]);

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(SEED);
const pick = <T>(values: T[]): T => values[Math.floor(next() * values.length)] as T;

/** Values that stress validation: each kind of wrongness the issue names. */
function garbage(): unknown {
  return pick<() => unknown>([
    () => '',
    () => '   ',
    () => 'x'.repeat(1 + Math.floor(next() * 300)),
    () => 'y'.repeat(100_000),
    () => 'ünïcödé 🚀 雪 \u202e \u0000 \ud83d',
    () => '\'; DROP TABLE identity."User"; --',
    () => '{"$ne": null}',
    () => '../../etc/passwd',
    () => -1,
    () => 0,
    () => 2 ** 31,
    () => Number.MAX_SAFE_INTEGER,
    () => 3.75,
    () => true,
    () => null,
    () => [],
    () => ['a', 1, null],
    () => ({ nested: { deep: ['x'] } }),
    () => '00000000-0000-0000-0000-000000000000',
    () => 'not-a-uuid',
    () => 'NOT_A_ROLE',
  ])();
}

type Case = { name: string; query: string; valid: () => Record<string, unknown> };

const { stack, make } = useStack();
let owner: TestUser;
let organizationId: string;
let ids: Record<string, string>;

beforeAll(async () => {
  owner = await make.user();
  const organization = await make.organization(owner);
  organizationId = organization.id;
  const workspace = await make.workspace(owner, organization);
  const team = await make.team(owner, organization);
  const design = await make.design(owner, workspace, { name: 'd', content: 'a: 1' });
  const connection = (
    await stack.as(owner).data(
      `
        mutation ($o: ID!) {
          createConnection(
            input: { organizationId: $o, name: "c", kind: GIT, url: "https://git.example.test" }
          ) {
            id
          }
        }
      `,
      { o: organization.id },
    )
  ).createConnection;
  ids = { workspace: workspace.id, team: team.id, design: design.id, connection: connection.id };
}, 300_000);

const cases = (): Case[] => [
  {
    name: 'updateOrganization',
    query: `mutation ($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { id } }`,
    valid: () => ({ id: organizationId, input: { name: 'Fuzzed', description: 'd' } }),
  },
  {
    name: 'createTeam',
    query: `mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id } }`,
    valid: () => ({ input: { organizationId, name: `team ${next()}`, description: 'x' } }),
  },
  {
    name: 'updateTeam',
    query: `mutation ($id: ID!, $input: UpdateTeamInput!) { updateTeam(id: $id, input: $input) { id } }`,
    valid: () => ({ id: ids.team, input: { description: 'x' } }),
  },
  {
    name: 'inviteMember',
    query: `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`,
    valid: () => ({
      input: {
        organizationId,
        email: `f${Math.floor(next() * 1e9)}@example.test`,
        role: 'MEMBER',
        teamIds: [ids.team],
        expiresInHours: 24,
      },
    }),
  },
  {
    name: 'createApiKey',
    query: `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }`,
    valid: () => ({
      input: { organizationId, name: 'k', role: 'AUDITOR', expiresAt: '2099-01-01T00:00:00Z' },
    }),
  },
  {
    name: 'createWorkspace',
    query: `mutation ($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id } }`,
    valid: () => ({ input: { organizationId, name: 'w', description: 'x' } }),
  },
  {
    name: 'createEnvironment',
    query: `mutation ($input: CreateEnvironmentInput!) { createEnvironment(input: $input) { id } }`,
    valid: () => ({ input: { organizationId, name: `env ${next()}` } }),
  },
  {
    name: 'updateConnection',
    query: `mutation ($id: ID!, $input: UpdateConnectionInput!) { updateConnection(id: $id, input: $input) { id } }`,
    valid: () => ({ id: ids.connection, input: { status: 'CONNECTED', credentials: { token: 't' } } }),
  },
  {
    name: 'createDesign',
    query: `mutation ($input: CreateDesignInput!) { createDesign(input: $input) { id } }`,
    valid: () => ({ input: { workspaceId: ids.workspace, name: 'd', content: 'k: v' } }),
  },
  {
    name: 'updateDesign',
    query: `mutation ($id: ID!, $input: UpdateDesignInput!, $rev: Int!) { updateDesign(id: $id, input: $input, expectedRevision: $rev) { id } }`,
    valid: () => ({ id: ids.design, input: { name: 'n' }, rev: 1 }),
  },
  {
    name: 'publishDesign',
    query: `mutation ($input: PublishDesignInput!) { publishDesign(input: $input) { id } }`,
    valid: () => ({ input: { designId: ids.design, name: `item ${next()}`, tags: ['a'], version: '1.0.0' } }),
  },
  {
    name: 'setMemberRole',
    query: `mutation ($o: ID!, $u: ID!, $r: OrgRole!) { setMemberRole(organizationId: $o, userId: $u, role: $r) { role } }`,
    valid: () => ({ o: organizationId, u: owner.id, r: 'OWNER' }),
  },
];

/** Replaces one or two leaves of valid variables with garbage. */
function corrupt(value: unknown, budget: { left: number }): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, corrupt(inner, budget)]));
  }
  if (budget.left > 0 && next() < 0.35) {
    budget.left -= 1;
    return garbage();
  }
  return value;
}

async function auditCount(): Promise<number> {
  await stack.flushOutboxes();
  return (
    await stack.as(owner).data(
      `
        query ($o: [ID!]!) {
          auditLog(organizationIds: $o) {
            totalCount
          }
        }
      `,
      { o: [organizationId] },
    )
  ).auditLog.totalCount;
}

describe('mutation inputs under fuzzing', () => {
  it(`answers ${ROUNDS} corrupted requests with contract errors only, and changes data only on success (seed ${SEED})`, async () => {
    const before = await auditCount();
    let successes = 0;
    const problems: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const fuzzCase = pick(cases());
      const variables = corrupt(fuzzCase.valid(), { left: 1 + Math.floor(next() * 2) }) as Record<
        string,
        unknown
      >;
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
        body: JSON.stringify({ query: fuzzCase.query, variables }),
      });
      const text = await response.text();
      let body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
      try {
        body = JSON.parse(text);
      } catch {
        problems.push(`${fuzzCase.name}: not JSON (${response.status})`);
        continue;
      }
      if (response.status >= 500)
        problems.push(`${fuzzCase.name}: HTTP ${response.status} ${text.slice(0, 200)}`);
      if (/\bat .+:\d+:\d+|stacktrace|PrismaClient|prisma\./i.test(text))
        problems.push(`${fuzzCase.name}: leaks internals ${text.slice(0, 200)}`);
      if (body.errors === undefined || body.errors.length === 0) {
        successes += 1;
        continue;
      }
      for (const error of body.errors) {
        const code = error.extensions?.code ?? 'NONE';
        if (!ALLOWED_CODES.has(code))
          problems.push(
            `${fuzzCase.name}: ${code} ${error.message.slice(0, 120)} for ${JSON.stringify(variables).slice(0, 200)}`,
          );
      }
    }
    expect(problems).toEqual([]);
    expect(await auditCount()).toBe(before + successes);
  }, 480_000);
});

describe('queries with text the database cannot store', () => {
  it.each([
    ['organization(slug)', `query ($v: String!) { organization(slug: $v) { id } }`, 'NOT_FOUND'],
    ['catalogItem(slug)', `query ($v: String!) { catalogItem(slug: $v) { id } }`, 'NOT_FOUND'],
    [
      'catalog search',
      `query ($v: String!) { catalog(filter: { search: $v }) { totalCount } }`,
      'BAD_USER_INPUT',
    ],
    [
      'auditLog filter',
      `query ($v: String!, $o: [ID!]!) { auditLog(organizationIds: $o, filter: { targetType: $v }) { totalCount } }`,
      'BAD_USER_INPUT',
    ],
  ])('answer %s with a contract error, not an internal one', async (_name, query, code) => {
    const response = await stack.as(owner).send(query, { v: 'nul\u0000byte', o: [organizationId] });
    expect(response.errors?.[0]?.extensions?.code).toBe(code);
  });
});
