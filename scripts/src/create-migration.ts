import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffDatamodels, hasStatements, prismaDir } from './prisma-engine';

/**
 * npm run migration:create -- <subgraph> <name>
 *
 * Writes the SQL from the datamodel the existing migrations produce (kept beside them as
 * `datamodel.prisma`) to the current schema.prisma as a new migration folder. The drift test
 * proves afterwards that the migrations and schema.prisma agree.
 */
async function main(): Promise<void> {
  const [subgraph, rawName] = process.argv.slice(2);
  if (subgraph === undefined || rawName === undefined) {
    throw new Error('usage: npm run migration:create -- <identity|workspace|catalog> <name>');
  }
  const name = rawName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  const dir = prismaDir(subgraph);
  const migrationsDir = join(dir, 'migrations');
  const snapshotPath = join(migrationsDir, 'datamodel.prisma');
  const current = readFileSync(join(dir, 'schema.prisma'), 'utf8');
  const previous = existsSync(snapshotPath) ? readFileSync(snapshotPath, 'utf8') : undefined;

  const sql = await diffDatamodels(previous, current);
  if (!hasStatements(sql)) {
    console.log(`${subgraph}: schema.prisma matches the migrations; nothing to do.`);
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const folder = join(migrationsDir, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'migration.sql'), sql);
  writeFileSync(snapshotPath, current);
  console.log(`${subgraph}: wrote ${folder}/migration.sql`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
