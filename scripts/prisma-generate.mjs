// Generates each subgraph's Prisma client (run by `npm install`). `prisma generate` does not run
// the schema engine, but the CLI insists that one exists; pointing it at any file keeps it from
// trying to download one, which this machine's network would refuse.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
if (!existsSync(cli)) {
  console.log('prisma CLI not installed; skipping client generation');
  process.exit(0);
}
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};
for (const subgraph of ['identity', 'workspace', 'catalog']) {
  execFileSync(
    process.execPath,
    [cli, 'generate', '--schema', join(root, 'prisma', subgraph, 'schema.prisma')],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}
console.log('generated Prisma clients for identity, workspace, catalog');
