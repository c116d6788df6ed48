import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The configured key, or for the embedded database one made once and kept (mode 0600) in its
 * data folder. With PostgreSQL a key must be configured: a generated one would be lost.
 */
export function loadCredentialKey(options: {
  configured: string | undefined;
  embedded: boolean;
  keyFile: string;
}): Buffer {
  if (options.configured !== undefined) return Buffer.from(options.configured, 'base64');
  if (!options.embedded) throw new Error('CREDENTIALS_KEY is required when DATABASE_URL is set');
  if (!existsSync(options.keyFile)) {
    mkdirSync(dirname(options.keyFile), { recursive: true });
    writeFileSync(options.keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(options.keyFile, 'utf8').trim(), 'base64');
}
