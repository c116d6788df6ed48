import { parseEnvironment, z } from '@controlplane/config';
import { migrateSubgraphSchemas, serviceRoleOf, SUBGRAPH_SCHEMAS } from '@controlplane/db';

/**
 * `npm run migrate` (docker compose's `migrate` service): the migration step of a PostgreSQL
 * deployment. As the owner of the schemas (MIGRATION_DATABASE_URL) it applies every subgraph's
 * pending migrations and grants each service role (`<database>_<subgraph>`) its privileges. The
 * services then connect with DATABASE_URL as their own roles and never hold the owner's password.
 */
const environment = z.object({
  /** The role that owns (or will own) the schemas: it creates tables, the services' roles cannot. */
  MIGRATION_DATABASE_URL: z.string().min(1, 'required: the URL of the role that owns the schemas'),
});

async function main(): Promise<void> {
  const { MIGRATION_DATABASE_URL: url } = parseEnvironment(environment);
  const applied = await migrateSubgraphSchemas({ url });
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  for (const { schema } of SUBGRAPH_SCHEMAS) {
    const names = applied[schema] ?? [];
    console.log(
      `${schema}: ${names.length === 0 ? 'up to date' : `applied ${names.join(', ')}`}; ` +
        `role ${serviceRoleOf(database, schema)} granted`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
