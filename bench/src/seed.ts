import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { DATABASE_URL } from './env';

/**
 * Realistic bench data written straight into the three subgraphs' schemas (multi-row INSERTs):
 *   23 organizations (20 regular + 3 dashboard organizations of 10, 100 and 1,000 designs),
 *   230 teams, 2,001 users, 523 workspaces, 21,110 designs (each with its first revision),
 *   500 catalog items (725 versions), 2,555 completed clones (designs with `clonedFrom`).
 * The benchmark user owns the dashboard organizations and is a member of two regular ones.
 */
export const BENCH_EMAIL = 'bench-owner@bench.example';
export const BENCH_PASSWORD = 'bench-password-2026';
export const DASHBOARD_SIZES = [10, 100, 1000] as const;
export const SEARCH_TERM = 'kubernetes';

const REGULAR_ORGS = 20;
const USERS = 2000;
const TEAMS_PER_ORG = 10;
const WORKSPACES_PER_ORG = 25;
const DESIGNS_PER_WORKSPACE = 40;
const CATALOG_ITEMS = 500;
/** The dashboard query lists designs(first: 50) per workspace, so bigger organizations get more workspaces. */
const DASHBOARD_PAGE = 50;

const TOPICS = [
  'kubernetes',
  'postgres',
  'redis',
  'kafka',
  'ingress',
  'prometheus',
  'grafana',
  'vault',
  'istio',
  'nats',
  'minio',
  'keycloak',
];
const ADJECTIVES = [
  'baseline',
  'hardened',
  'minimal',
  'high-availability',
  'multi-zone',
  'edge',
  'starter',
  'production',
];
const KINDS = ['cluster', 'stack', 'gateway', 'operator', 'pipeline', 'blueprint'];

type Row = unknown[];
type Table = { name: string; columns: string[]; rows: Row[] };

/** An empty table of `name` (schema-qualified) to fill with rows in the order of `columns` (space-separated). */
const table = (name: string, columns: string): Table => ({ name, columns: columns.split(' '), rows: [] });

function designContent(i: number): string {
  return [
    'apiVersion: controlplane/v1',
    'kind: Design',
    `metadata: { name: design-${i}, labels: { tier: ${i % 3 === 0 ? 'web' : 'data'}, team: t${i % 10} } }`,
    'spec:',
    `  replicas: ${1 + (i % 5)}`,
    `  image: registry.example/app-${i % 40}:1.${i % 17}.${i % 7}`,
    '  resources: { requests: { cpu: 250m, memory: 256Mi }, limits: { cpu: "1", memory: 1Gi } }',
    `  env: [{ name: LOG_LEVEL, value: info }, { name: SHARD, value: "${i % 8}" }]`,
  ].join('\n');
}

async function insert(client: pg.Client, table: Table, chunk = 1000): Promise<void> {
  const width = table.columns.length;
  const per = Math.max(1, Math.min(chunk, Math.floor(60_000 / width)));
  const columns = table.columns.map((column) => `"${column}"`).join(', ');
  for (let start = 0; start < table.rows.length; start += per) {
    const rows = table.rows.slice(start, start + per);
    const values: unknown[] = [];
    const tuples = rows.map((row, r) => {
      values.push(...row);
      return `(${row.map((_, c) => `$${r * width + c + 1}`).join(', ')})`;
    });
    await client.query(`INSERT INTO ${table.name} (${columns}) VALUES ${tuples.join(', ')}`, values);
  }
}

export type SeedSummary = {
  organizations: number;
  teams: number;
  users: number;
  workspaces: number;
  designs: number;
  catalogItems: number;
  clones: number;
};

/** Seeds once; returns null when the bench data is already there. */
export async function seed(databaseUrl = DATABASE_URL): Promise<SeedSummary | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM identity."User" WHERE email = $1', [BENCH_EMAIL]);
    if (existing.rowCount !== 0) return null;
    const started = Date.now();
    const passwordHash = await hash(BENCH_PASSWORD, {
      algorithm: 2,
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    const now = new Date();
    let tick = Date.parse('2026-01-01T00:00:00Z');
    const at = () => new Date((tick += 1000));

    const organizations = table(
      'identity."Organization"',
      'id slug name description updatedAt publicCatalog',
    );
    const users = table('identity."User"', 'id email displayName passwordHash createdAt updatedAt');
    const memberships = table('identity."OrganizationMembership"', 'organizationId userId role joinedAt');
    const teams = table('identity."Team"', 'id organizationId name description createdAt updatedAt');
    const teamMemberships = table('identity."TeamMembership"', 'teamId userId role joinedAt');
    const workspaces = table(
      'workspace."Workspace"',
      'id organizationId name description createdAt updatedAt',
    );
    const grants = table('workspace."WorkspaceGrant"', 'workspaceId teamId organizationId role grantedAt');
    const designs = table(
      'workspace."Design"',
      'id workspaceId organizationId name description content revision cloneKey createdById updatedById createdAt updatedAt',
    );
    const revisions = table(
      'workspace."DesignRevision"',
      'designId revision name description content authorId createdAt',
    );
    const items = table(
      'catalog."CatalogItem"',
      'id slug name summary category tags publisherOrganizationId visibility cloneCount publishedAt createdAt updatedAt',
    );
    const versions = table(
      'catalog."CatalogItemVersion"',
      'id itemId version content changelog status publishedById createdAt',
    );
    const clones = table(
      'catalog."CatalogClone"',
      'id itemId versionId workspaceId designName requestedById designId status createdAt completedAt',
    );

    // Organizations: 20 regular, then the three dashboard organizations.
    const regular: { id: string; teams: string[]; owner?: string }[] = [];
    for (let o = 0; o < REGULAR_ORGS; o += 1) {
      const id = randomUUID();
      organizations.rows.push([
        id,
        `bench-org-${String(o).padStart(2, '0')}`,
        `Bench Org ${o}`,
        `Regular organization ${o}`,
        now,
        true,
      ]);
      regular.push({ id, teams: [] });
    }
    const dashboards = DASHBOARD_SIZES.map((size) => {
      const id = randomUUID();
      organizations.rows.push([
        id,
        `dash-${size}`,
        `Dashboard ${size}`,
        `Dashboard organization with ${size} designs`,
        now,
        false,
      ]);
      return { id, size, teams: [] as string[] };
    });
    for (const org of [...regular, ...dashboards]) {
      for (let t = 0; t < TEAMS_PER_ORG; t += 1) {
        const id = randomUUID();
        org.teams.push(id);
        teams.rows.push([id, org.id, `team-${t}`, `Team ${t}`, at(), now]);
      }
    }

    // Users: 100 per regular organization, each in one or two of its teams.
    const benchUser = randomUUID();
    users.rows.push([benchUser, BENCH_EMAIL, 'Bench Owner', passwordHash, at(), now]);
    const userIdsByOrg = regular.map(() => [] as string[]);
    for (let u = 0; u < USERS; u += 1) {
      const id = randomUUID();
      const o = u % REGULAR_ORGS;
      const org = regular[o]!;
      const rank = Math.floor(u / REGULAR_ORGS);
      userIdsByOrg[o]!.push(id);
      users.rows.push([id, `user${u}@bench.example`, `User ${u}`, passwordHash, at(), now]);
      memberships.rows.push([
        org.id,
        id,
        rank === 0 ? 'OWNER' : rank < 3 ? 'ADMIN' : rank % 25 === 0 ? 'AUDITOR' : 'MEMBER',
        at(),
      ]);
      teamMemberships.rows.push([
        org.teams[rank % TEAMS_PER_ORG]!,
        id,
        rank < 10 ? 'MAINTAINER' : 'MEMBER',
        at(),
      ]);
      if (rank % 2 === 0)
        teamMemberships.rows.push([org.teams[(rank + 3) % TEAMS_PER_ORG]!, id, 'MEMBER', at()]);
      org.owner ??= id;
    }
    // The benchmark user: OWNER of the dashboard organizations, MEMBER of two regular ones, in three teams.
    for (const org of dashboards) memberships.rows.push([org.id, benchUser, 'OWNER', at()]);
    memberships.rows.push(
      [regular[0]!.id, benchUser, 'MEMBER', at()],
      [regular[1]!.id, benchUser, 'MEMBER', at()],
    );
    teamMemberships.rows.push(
      [regular[0]!.teams[1]!, benchUser, 'MEMBER', at()],
      [regular[0]!.teams[4]!, benchUser, 'MEMBER', at()],
      [regular[1]!.teams[2]!, benchUser, 'MAINTAINER', at()],
    );

    // Catalog: 500 items from the regular organizations, three in four PUBLIC.
    const publicVersions: { itemId: string; versionId: string; content: string }[] = [];
    for (let i = 0; i < CATALOG_ITEMS; i += 1) {
      const id = randomUUID();
      const o = i % REGULAR_ORGS;
      const topic = TOPICS[i % TOPICS.length]!;
      const other = TOPICS[(i * 7 + 3) % TOPICS.length]!;
      const name = `${ADJECTIVES[i % ADJECTIVES.length]} ${topic} ${KINDS[i % KINDS.length]} ${i}`;
      const visibility = i % 4 === 0 ? 'ORGANIZATION' : 'PUBLIC';
      const created = at();
      items.rows.push([
        id,
        `item-${i}-${topic}`,
        name,
        `A ${ADJECTIVES[(i + 3) % ADJECTIVES.length]} ${topic} setup with ${other} integration, reviewed by org ${o}.`,
        KINDS[i % KINDS.length],
        [topic, other, i % 2 === 0 ? 'production' : 'sandbox'],
        regular[o]!.id,
        visibility,
        0,
        created,
        created,
        now,
      ]);
      const content = designContent(100_000 + i);
      const version1 = randomUUID();
      versions.rows.push([
        version1,
        id,
        '1.0.0',
        content,
        'First release',
        'PUBLISHED',
        regular[o]!.owner,
        created,
      ]);
      if (visibility === 'PUBLIC') publicVersions.push({ itemId: id, versionId: version1, content });
      if (i % 3 === 0)
        versions.rows.push([
          randomUUID(),
          id,
          '1.1.0',
          content + '\n# 1.1.0',
          'Tuning',
          i % 6 === 0 ? 'PUBLISHED' : 'PENDING_REVIEW',
          regular[o]!.owner,
          at(),
        ]);
    }

    // Workspaces and designs; every 10th regular design (every 2nd dashboard design) is a completed clone.
    let designNumber = 0;
    const addDesign = (workspaceId: string, organizationId: string, author: string, cloneEvery: number) => {
      const n = designNumber++;
      const id = randomUUID();
      const content = designContent(n);
      const created = at();
      let cloneKey: string | null = null;
      if (n % cloneEvery === 0) {
        const origin = publicVersions[n % publicVersions.length]!;
        cloneKey = randomUUID();
        clones.rows.push([
          cloneKey,
          origin.itemId,
          origin.versionId,
          workspaceId,
          `design-${n}`,
          author,
          id,
          'COMPLETED',
          created,
          created,
        ]);
      }
      designs.rows.push([
        id,
        workspaceId,
        organizationId,
        `design-${n}`,
        `Design ${n}`,
        content,
        1,
        cloneKey,
        author,
        author,
        created,
        created,
      ]);
      revisions.rows.push([id, 1, `design-${n}`, `Design ${n}`, content, author, created]);
    };
    regular.forEach((org, o) => {
      for (let w = 0; w < WORKSPACES_PER_ORG; w += 1) {
        const id = randomUUID();
        workspaces.rows.push([id, org.id, `ws-${o}-${w}`, `Workspace ${w} of org ${o}`, at(), now]);
        grants.rows.push([id, org.teams[w % TEAMS_PER_ORG]!, org.id, w % 3 === 0 ? 'ADMIN' : 'EDITOR', at()]);
        const author = userIdsByOrg[o]![w % userIdsByOrg[o]!.length]!;
        for (let d = 0; d < DESIGNS_PER_WORKSPACE; d += 1) addDesign(id, org.id, author, 10);
      }
    });
    for (const org of dashboards) {
      const count = Math.ceil(org.size / DASHBOARD_PAGE);
      for (let w = 0; w < count; w += 1) {
        const id = randomUUID();
        workspaces.rows.push([id, org.id, `dash-${org.size}-ws-${w}`, null, at(), now]);
        grants.rows.push([id, org.teams[w % TEAMS_PER_ORG]!, org.id, 'EDITOR', at()]);
        const inThis = Math.min(DASHBOARD_PAGE, org.size - w * DASHBOARD_PAGE);
        for (let d = 0; d < inThis; d += 1) addDesign(id, org.id, benchUser, 2);
      }
    }
    const cloneCounts = new Map<string, number>();
    for (const clone of clones.rows)
      cloneCounts.set(clone[1] as string, (cloneCounts.get(clone[1] as string) ?? 0) + 1);
    for (const item of items.rows) item[8] = cloneCounts.get(item[0] as string) ?? 0;

    await client.query('BEGIN');
    for (const table of [
      organizations,
      users,
      memberships,
      teams,
      teamMemberships,
      workspaces,
      grants,
      designs,
      revisions,
      items,
      versions,
      clones,
    ]) {
      await insert(client, table);
    }
    await client.query('COMMIT');
    await client.query('ANALYZE');
    const summary = {
      organizations: organizations.rows.length,
      teams: teams.rows.length,
      users: users.rows.length,
      workspaces: workspaces.rows.length,
      designs: designs.rows.length,
      catalogItems: items.rows.length,
      clones: clones.rows.length,
    };
    console.log(
      `[bench] seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}`,
    );
    return summary;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Ids the workloads need, read back from the seeded data. */
export async function benchFixtures(databaseUrl = DATABASE_URL) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const orgs = await client.query<{ id: string; slug: string }>(
      `SELECT id, slug FROM identity."Organization" WHERE slug LIKE 'dash-%'`,
    );
    const dashboard: Record<number, string> = {};
    for (const row of orgs.rows) dashboard[Number(row.slug.slice(5))] = row.id;
    const updatable = await client.query<{ id: string; revision: number }>(
      `SELECT id, revision FROM workspace."Design" WHERE "organizationId" = $1 AND "deletedAt" IS NULL ORDER BY "createdAt" LIMIT 200`,
      [dashboard[1000]],
    );
    return { dashboard, updatable: updatable.rows };
  } finally {
    await client.end();
  }
}
