import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffDatamodels, prismaDir } from './prisma-engine';

/** Prints the SQL that creates `<subgraph>`'s schema.prisma from nothing (used by the drift test). */
async function main(): Promise<void> {
  const subgraph = process.argv[2] ?? '';
  const datamodel = readFileSync(join(prismaDir(subgraph), 'schema.prisma'), 'utf8');
  process.stdout.write(await diffDatamodels(undefined, datamodel));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
