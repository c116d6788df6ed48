import { execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureServiceRoles, serviceDatabaseUrl, serviceRoleOf, SUBGRAPH_SCHEMAS } from '@controlplane/db';
import { createEmptyDatabase, testDatabaseUrl, useStack, withAdminClient } from '@controlplane/testkit';
import pg from 'pg';

/**
 * Guards issue 16's database roles: the migration step runs as the owner of the schemas, and each
 * service connects as a role of its own that reads and writes rows of its schema and nothing
 * more. So no service can change, remove or unprotect an audit event, nor touch another
 * service's tables.
 */
const { stack, make, db } = useStack();

const ROOT = join(__dirname, '..');
const run = promisify(execFile);
const databaseOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
const INSUFFICIENT_PRIVILEGE = '42501';

/** Runs `work` connected as `schema`'s service role on `databaseUrl` (the test database unless given). */
async function asServiceRole<T>(
  schema: string,
  work: (client: pg.Client) => Promise<T>,
  databaseUrl = testDatabaseUrl(),
): Promise<T> {
  const client = new pg.Client({ connectionString: serviceDatabaseUrl(databaseUrl, schema) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The SQLSTATE and message `sql` fails with, as that role; throws if it succeeds. */
async function refusal(client: pg.Client, sql: string, params: unknown[] = []) {
  try {
    await client.query(sql, params);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return { code, message };
  }
  throw new Error(`expected a refusal of: ${sql}`);
}

async function insertAuditEvent(client: pg.Client): Promise<string> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO "identity"."AuditEvent" ("id", "organizationId", "actorType", "action", "targetType", "occurredAt")
     VALUES ($1, $2, 'SYSTEM', 'role.test', 'Test', now())`,
    [id, randomUUID()],
  );
  return id;
}

describe('the identity service role on AuditEvent', () => {
  it('inserts and reads audit events', async () => {
    await asServiceRole('identity', async (client) => {
      const id = await insertAuditEvent(client);
      const { rows } = await client.query(`SELECT "action" FROM "identity"."AuditEvent" WHERE "id" = $1`, [
        id,
      ]);
      expect(rows).toEqual([{ action: 'role.test' }]);
    });
  });

  it.each([
    ['UPDATE', `UPDATE "identity"."AuditEvent" SET "action" = 'forged' WHERE "id" = $1`, /permission denied/],
    ['DELETE', `DELETE FROM "identity"."AuditEvent" WHERE "id" = $1`, /permission denied/],
    ['TRUNCATE', `TRUNCATE "identity"."AuditEvent"`, /permission denied/],
    [
      'ALTER TABLE … DISABLE TRIGGER',
      `ALTER TABLE "identity"."AuditEvent" DISABLE TRIGGER "AuditEvent_immutable_rows"`,
      /must be owner/,
    ],
    [
      'ALTER TABLE … ADD COLUMN',
      `ALTER TABLE "identity"."AuditEvent" ADD COLUMN "note" text`,
      /must be owner/,
    ],
    ['DROP TRIGGER', `DROP TRIGGER "AuditEvent_immutable_rows" ON "identity"."AuditEvent"`, /must be owner/],
    [
      'CREATE OR REPLACE of the trigger function',
      `CREATE OR REPLACE FUNCTION "identity"."refuse_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$`,
      /must be owner|permission denied/,
    ],
    ['DROP TABLE', `DROP TABLE "identity"."AuditEvent"`, /must be owner/],
  ])('refuses %s with a permission error, and the event stays', async (_label, sql, message) => {
    await asServiceRole('identity', async (client) => {
      const id = await insertAuditEvent(client);
      const refused = await refusal(client, sql, sql.includes('$1') ? [id] : []);
      expect(refused.code).toBe(INSUFFICIENT_PRIVILEGE);
      expect(refused.message).toMatch(message);
      const { rows } = await client.query(`SELECT "action" FROM "identity"."AuditEvent" WHERE "id" = $1`, [
        id,
      ]);
      expect(rows).toEqual([{ action: 'role.test' }]);
    });
    const triggers = await db.query(
      `SELECT tgname FROM pg_trigger WHERE tgrelid = '"identity"."AuditEvent"'::regclass AND tgenabled = 'O' ORDER BY tgname`,
    );
    expect(triggers.rows.map((row) => row.tgname)).toEqual([
      'AuditEvent_enqueue_webhook_deliveries',
      'AuditEvent_immutable_rows',
      'AuditEvent_immutable_table',
    ]);
  });
});

describe('each service role', () => {
  const database = databaseOf(testDatabaseUrl());

  it.each(SUBGRAPH_SCHEMAS.map(({ schema }) => schema))(
    '%s: row privileges on its own tables only (AuditEvent: INSERT and SELECT), no DDL',
    async (schema) => {
      const role = serviceRoleOf(database, schema);
      const { rows } = await db.query<{ table: string; privileges: string[] }>(
        `SELECT c.relname AS table,
                array_remove(ARRAY[
                  CASE WHEN has_table_privilege($1, c.oid, 'SELECT') THEN 'SELECT' END,
                  CASE WHEN has_table_privilege($1, c.oid, 'INSERT') THEN 'INSERT' END,
                  CASE WHEN has_table_privilege($1, c.oid, 'UPDATE') THEN 'UPDATE' END,
                  CASE WHEN has_table_privilege($1, c.oid, 'DELETE') THEN 'DELETE' END,
                  CASE WHEN has_table_privilege($1, c.oid, 'TRUNCATE') THEN 'TRUNCATE' END,
                  CASE WHEN has_table_privilege($1, c.oid, 'REFERENCES') THEN 'REFERENCES' END,
                  CASE WHEN has_table_privilege($1, c.oid, 'TRIGGER') THEN 'TRIGGER' END
                ], NULL) AS privileges
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $2 AND c.relkind IN ('r', 'p')
          ORDER BY c.relname`,
        [role, schema],
      );
      expect(rows.length).toBeGreaterThan(2);
      for (const { table, privileges } of rows) {
        const expected =
          table === '_migrations'
            ? ['SELECT']
            : table === 'AuditEvent'
              ? ['SELECT', 'INSERT']
              : ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
        expect({ table, privileges }).toEqual({ table, privileges: expected });
      }
      const { rows: facts } = await db.query(
        `SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls,
                has_schema_privilege($1, $2, 'CREATE') AS "createInSchema",
                (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS "ownedRelations",
                (SELECT array_agg(nspname::text ORDER BY nspname) FROM pg_namespace
                  WHERE nspname IN ('identity', 'workspace', 'catalog') AND has_schema_privilege($1, oid, 'USAGE')) AS "usableSchemas"
           FROM pg_roles r WHERE r.rolname = $1`,
        [role, schema],
      );
      expect(facts).toEqual([
        {
          rolsuper: false,
          rolcreaterole: false,
          rolcreatedb: false,
          rolbypassrls: false,
          createInSchema: false,
          ownedRelations: 0,
          usableSchemas: [schema],
        },
      ]);
    },
  );

  it("cannot read another service's tables or write the migration history", async () => {
    await asServiceRole('identity', async (client) => {
      const foreign = await refusal(client, `SELECT count(*) FROM "workspace"."Workspace"`);
      expect(foreign).toMatchObject({
        code: INSUFFICIENT_PRIVILEGE,
        message: /permission denied for schema/,
      });
      const history = await refusal(
        client,
        `INSERT INTO "identity"."_migrations" (name, checksum) VALUES ('99999999999999_forged', 'x')`,
      );
      expect(history.code).toBe(INSUFFICIENT_PRIVILEGE);
      const table = await refusal(client, `CREATE TABLE "identity"."Extra" (id int)`);
      expect(table.code).toBe(INSUFFICIENT_PRIVILEGE);
    });
  });
});

describe('the stack', () => {
  it('serves every subgraph through its own service role, never the owner', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    await make.workspace(owner, organization);
    await stack.flushOutboxes();
    const { rows } = await db.query<{ application: string; role: string }>(
      `SELECT DISTINCT application_name AS application, usename AS role FROM pg_stat_activity
        WHERE datname = current_database() AND application_name LIKE 'controlplane-%'
          AND application_name <> 'controlplane-migrate'
        ORDER BY 1, 2`,
    );
    const database = databaseOf(testDatabaseUrl());
    const applications = new Set(rows.map((row) => row.application));
    for (const schema of ['identity', 'workspace', 'catalog'])
      expect(applications).toContain(`controlplane-${schema}`);
    for (const { application, role } of rows)
      expect({ application, role }).toEqual({
        application,
        role: serviceRoleOf(database, application.replace(/^controlplane-/, '').replace(/-async$/, '')),
      });
  });
});

/** A port nobody listens on right now, for a service process to take. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `node apps/identity/dist/index.js` on `databaseUrl`: resolves `ready` or the exit with its stderr. */
async function startIdentity(databaseUrl: string) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'apps', 'identity', 'dist', 'index.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      IDENTITY_PORT: String(port),
      DATABASE_URL: databaseUrl,
      ...stack.signingEnvironmentOf('identity'),
      JWT_SECRET: randomBytes(32).toString('base64url'),
      CREDENTIALS_KEY: randomBytes(32).toString('base64'),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr })),
  );
  const ready = (async () => {
    for (;;) {
      if (child.exitCode !== null) return false;
      const answer = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => undefined);
      if (answer?.ok) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return { ready, exited, stop: () => child.kill('SIGTERM') };
}

describe('the migration step and the services, as separate processes', () => {
  let database: { url: string; drop(): Promise<void> };
  let ownerRole: string;
  let ownerUrl: string;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    const name = databaseOf(database.url);
    ownerRole = `${name}_owner`;
    // A migration role as production has it: it owns the database, and is no superuser.
    await withAdminClient(database.url, async (client) => {
      await client.query(`CREATE ROLE "${ownerRole}" LOGIN NOSUPERUSER NOCREATEROLE`);
      await client.query(`ALTER DATABASE "${name}" OWNER TO "${ownerRole}"`);
    });
    await ensureServiceRoles({ url: database.url });
    const url = new URL(database.url);
    url.username = ownerRole;
    ownerUrl = url.toString();
  });
  afterAll(async () => {
    await database.drop();
    await withAdminClient(database.url, (client) => client.query(`DROP ROLE IF EXISTS "${ownerRole}"`));
  });

  it('a service whose role may not migrate refuses to start on pending migrations, naming the step', async () => {
    const identity = await startIdentity(serviceDatabaseUrl(database.url, 'identity'));
    expect(await identity.ready).toBe(false);
    const { code, stderr } = await identity.exited;
    expect(code).toBe(1);
    expect(stderr).toContain('npm run migrate with MIGRATION_DATABASE_URL');
  }, 30_000);

  it('npm run migrate applies everything as the owner, again changes nothing, and the service then starts as its role', async () => {
    const migrate = () =>
      run(process.execPath, [join(ROOT, 'scripts', 'dist', 'migrate.js')], {
        env: { PATH: process.env.PATH ?? '', MIGRATION_DATABASE_URL: ownerUrl },
      });
    const first = await migrate();
    expect(first.stdout).toMatch(/^identity: applied 20261128165306_init, /m);
    const second = await migrate();
    for (const schema of ['identity', 'workspace', 'catalog'])
      expect(second.stdout).toContain(
        `${schema}: up to date; role ${serviceRoleOf(databaseOf(database.url), schema)} granted`,
      );

    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    const owners = await pool
      .query(
        `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname IN ('identity', 'workspace', 'catalog')`,
      )
      .finally(() => pool.end());
    expect(owners.rows).toEqual([{ owner: ownerRole }]);

    const identity = await startIdentity(serviceDatabaseUrl(database.url, 'identity'));
    try {
      expect(await identity.ready).toBe(true);
    } finally {
      identity.stop();
      await identity.exited;
    }
    await asServiceRole(
      'identity',
      async (client) => {
        const id = await insertAuditEvent(client);
        const refused = await refusal(client, `DELETE FROM "identity"."AuditEvent" WHERE "id" = $1`, [id]);
        expect(refused.code).toBe(INSUFFICIENT_PRIVILEGE);
      },
      database.url,
    );
  }, 60_000);
});
