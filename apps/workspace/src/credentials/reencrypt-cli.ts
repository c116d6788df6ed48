import { join } from 'node:path';
import { openDatabase } from '@controlplane/db';
import { loadCredentialsCommandConfig } from '../config';
import { createWorkspacePrisma } from '../repositories/prisma';
import { createCredentialCipherFor } from '@controlplane/config';
import { createCredentialRepository } from './credential-repository';
import { reencryptAllCredentials } from './rotation';

/**
 * `npm run credentials:reencrypt -w @controlplane/workspace`: after CREDENTIALS_KEY was rotated
 * (the new key in CREDENTIALS_KEY, the old one in CREDENTIALS_KEY_PREVIOUS), encrypts every
 * connection's credentials with the new key, 100 at a time, while the services keep running.
 * Prints what it did as JSON; exits 1 when some credentials open with neither key (they stay as
 * they are, and CREDENTIALS_KEY_PREVIOUS must not be removed yet). Running it again is harmless.
 */
const BATCH_SIZE = 100;

async function main(): Promise<void> {
  const config = loadCredentialsCommandConfig();
  const cipher = createCredentialCipherFor('workspace', config);
  const database = await openDatabase({
    owner: 'workspace',
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    migrationsDir: join(__dirname, '..', '..', '..', '..', 'prisma', 'workspace', 'migrations'),
    poolSize: 1,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    idleTimeoutMs: config.DATABASE_IDLE_TIMEOUT_MS,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
  });
  const prisma = createWorkspacePrisma(database.adapter);
  try {
    const report = await reencryptAllCredentials({
      cipher,
      repository: createCredentialRepository(prisma),
      batchSize: BATCH_SIZE,
    });
    console.log(JSON.stringify({ key: cipher.currentKeyId, ...report }));
    if (report.unreadable > 0) {
      console.error(
        `${report.unreadable} connection(s) hold credentials that neither CREDENTIALS_KEY nor CREDENTIALS_KEY_PREVIOUS decrypts; keep the key they need, or set their credentials again.`,
      );
      process.exitCode = 1;
    }
  } finally {
    await prisma.$disconnect();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
