import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditEventSchema } from '@controlplane/audit';
import { applyMigrations, createPostgresExecutor } from '@controlplane/db';
import { createEmptyDatabase } from '@controlplane/testkit';
import pg from 'pg';

/**
 * Guards issue 16's redaction of stored connection URLs: a database migrated before the
 * redaction migration, holding URLs with `user:pass@`, comes out of it with no userinfo left, the
 * rest of each URL intact, and one SYSTEM audit event per redacted connection in the outbox.
 */
const MIGRATIONS = join(__dirname, '..', 'prisma', 'workspace', 'migrations');
const REDACTION = '20261130043000_redact_connection_url_userinfo';

const STORED: [string, string][] = [
  ['https://deploy:s3cret@k8s.example.test:6443/api?x=1#f', 'https://k8s.example.test:6443/api?x=1#f'],
  ['https://only-a-user@git.example.test/org/repo.git', 'https://git.example.test/org/repo.git'],
  ['ssh://git:p%40ss@word@git.example.test/repo.git', 'ssh://git.example.test/repo.git'],
  ['https://k8s.example.test/path@v1?who=a@b', 'https://k8s.example.test/path@v1?who=a@b'],
  ['git://git.example.test/repo.git', 'git://git.example.test/repo.git'],
];

describe('the migration that redacts stored connection URLs', () => {
  const before = mkdtempSync(join(tmpdir(), 'migrations-'));
  let database: { url: string; drop(): Promise<void> };
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
    rmSync(before, { recursive: true, force: true });
  });

  it('strips user names and passwords, keeps every other part, and audits each change', async () => {
    for (const entry of readdirSync(MIGRATIONS).filter((name) => name < REDACTION))
      cpSync(join(MIGRATIONS, entry), join(before, entry), { recursive: true });
    const executor = createPostgresExecutor(pool);
    await applyMigrations({ executor, schema: 'workspace', migrationsDir: before });

    const organizationId = randomUUID();
    const ids = STORED.map(() => randomUUID());
    for (const [index, [stored]] of STORED.entries()) {
      await pool.query(
        `INSERT INTO "workspace"."Connection" ("id", "organizationId", "name", "kind", "url", "updatedAt")
         VALUES ($1, $2, $3, 'GIT', $4, now())`,
        [ids[index], organizationId, `c${index}`, stored],
      );
    }

    // The redaction first; migrations written after it follow.
    const applied = await applyMigrations({ executor, schema: 'workspace', migrationsDir: MIGRATIONS });
    expect(applied[0]).toBe(REDACTION);
    const { rows } = await pool.query<{ id: string; url: string }>(
      `SELECT "id", "url" FROM "workspace"."Connection"`,
    );
    const urlOf = new Map(rows.map((row) => [row.id, row.url]));
    expect(ids.map((id) => urlOf.get(id))).toEqual(STORED.map(([, redacted]) => redacted));

    const outbox = await pool.query<{ event: unknown }>(`SELECT "event" FROM "workspace"."AuditOutbox"`);
    const events = outbox.rows.map((row) => auditEventSchema.parse(row.event));
    expect(events.map((event) => event.targetId).sort()).toEqual(ids.slice(0, 3).sort());
    for (const event of events) {
      expect(event).toMatchObject({
        organizationId,
        actorType: 'SYSTEM',
        action: 'connection.update',
        targetType: 'Connection',
        metadata: { changed: ['url'] },
      });
      expect(JSON.stringify(event)).not.toMatch(/s3cret|p%40ss|only-a-user/);
    }
  });
});
