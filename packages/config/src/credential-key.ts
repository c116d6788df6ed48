import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createCredentialCipher, type CredentialCipher } from './credential-cipher';

/**
 * The configured keys (base64), or for the embedded database a current key made once and kept
 * (mode 0600) in its data folder. With PostgreSQL a key must be configured: a generated one would
 * be lost. `previous` (CREDENTIALS_KEY_PREVIOUS) only opens credentials sealed before a rotation.
 */
export function loadCredentialKeys(options: {
  configured: string | undefined;
  previous: string | undefined;
  embedded: boolean;
  keyFile: string;
}): { current: Buffer; previous?: Buffer } {
  const previous =
    options.previous === undefined ? {} : { previous: Buffer.from(options.previous, 'base64') };
  if (options.configured !== undefined)
    return { current: Buffer.from(options.configured, 'base64'), ...previous };
  if (!options.embedded) throw new Error('CREDENTIALS_KEY is required when DATABASE_URL is set');
  if (!existsSync(options.keyFile)) {
    mkdirSync(dirname(options.keyFile), { recursive: true });
    writeFileSync(options.keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return { current: Buffer.from(readFileSync(options.keyFile, 'utf8').trim(), 'base64'), ...previous };
}

/**
 * The cipher of a service process (or command) that keeps secrets at rest, from its settings; on
 * the embedded database each service keeps its own generated key.
 */
export function createCredentialCipherFor(
  service: 'identity' | 'workspace',
  config: {
    CREDENTIALS_KEY: string | undefined;
    CREDENTIALS_KEY_PREVIOUS: string | undefined;
    DATABASE_URL: string | undefined;
    DATA_DIR: string;
  },
): CredentialCipher {
  return createCredentialCipher(
    loadCredentialKeys({
      configured: config.CREDENTIALS_KEY,
      previous: config.CREDENTIALS_KEY_PREVIOUS,
      embedded: config.DATABASE_URL === undefined,
      keyFile: join(config.DATA_DIR, service, 'credentials.key'),
    }),
  );
}
