import { startStack, type SubgraphName } from '@controlplane/testkit';
import { DATABASE_URL } from './env';
import { BENCH_EMAIL, BENCH_PASSWORD, DASHBOARD_SIZES, SEARCH_TERM, benchFixtures, seed } from './seed';
import { ensureDatabase } from './stack';
import { CATALOG, DASHBOARD, ME, UPDATE_DESIGN, graphqlAt, type Operation } from './workloads';

/**
 * `npm run bench:counts -w @controlplane/bench`: SQL statements and subgraph fetches per request,
 * counted by the testkit's in-process stack (the same servers, with counters) on the seeded bench
 * database. Each figure is what one request (after one warm-up) sent, charged by its request id.
 */
type Counts = { sql: Record<SubgraphName, number>; fetches: Record<SubgraphName, number> };

async function main(): Promise<void> {
  await ensureDatabase();
  const stack = await startStack({ databaseUrl: DATABASE_URL });
  try {
    await seed();
    const fixtures = await benchFixtures();
    const port = Number(new URL(stack.gatewayUrl).port);
    const login = await graphqlAt(port, {
      query: 'mutation ($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }',
      variables: { e: BENCH_EMAIL, p: BENCH_PASSWORD },
    });
    const token = login.data.logIn.token as string;

    const measure = async (operation: Operation): Promise<Counts> => {
      await graphqlAt(port, operation, token); // warm-up (plans, prepared statements)
      stack.resetCounters();
      const answer = await graphqlAt(port, operation, token);
      if (answer.errors !== undefined) throw new Error(JSON.stringify(answer.errors));
      return {
        sql: stack.sqlStatementsOf(answer.requestId as string),
        fetches: { ...stack.subgraphRequests },
      };
    };
    const rows: [string, Counts][] = [];
    for (const size of DASHBOARD_SIZES)
      rows.push([
        `(b) dashboard, ${size} designs`,
        await measure({ query: DASHBOARD, variables: { id: fixtures.dashboard[size] } }),
      ]);
    rows.push(['(a) me', await measure({ query: ME })]);
    rows.push(['(c) catalog search', await measure({ query: CATALOG, variables: { search: SEARCH_TERM } })]);
    const design = fixtures.updatable[fixtures.updatable.length - 1]!;
    const current = await graphqlAt(
      port,
      { query: 'query ($id: ID!) { design(id: $id) { revision } }', variables: { id: design.id } },
      token,
    );
    let revision = current.data.design.revision as number;
    const update = (): Operation => ({
      query: UPDATE_DESIGN,
      variables: { id: design.id, expectedRevision: revision++, content: `counted edit ${revision}` },
    });
    await graphqlAt(port, update(), token);
    stack.resetCounters();
    const answer = await graphqlAt(port, update(), token);
    if (answer.errors !== undefined) throw new Error(JSON.stringify(answer.errors));
    rows.push([
      '(d) updateDesign',
      { sql: stack.sqlStatementsOf(answer.requestId as string), fetches: { ...stack.subgraphRequests } },
    ]);

    console.log(
      '| request | SQL identity | SQL workspace | SQL catalog | SQL total | /graphql fetches identity / workspace / catalog |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const [label, counts] of rows) {
      const total = counts.sql.identity + counts.sql.workspace + counts.sql.catalog;
      console.log(
        `| ${label} | ${counts.sql.identity} | ${counts.sql.workspace} | ${counts.sql.catalog} | ${total} | ${counts.fetches.identity} / ${counts.fetches.workspace} / ${counts.fetches.catalog} |`,
      );
    }
    console.log(
      "\nSQL identity includes the gateway's per-request principal lookup (POST /internal/principal, not a /graphql fetch).",
    );
  } finally {
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
