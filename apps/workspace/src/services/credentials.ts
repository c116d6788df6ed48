import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';

/**
 * Connection credentials at rest: AES-256-GCM with a random IV, authenticated with the owning
 * organization's id as associated data, so a ciphertext copied to another tenant's row fails to
 * decrypt. Nothing in the API ever returns them; only `hasCredentials` tells they exist.
 */
export type CredentialCipher = {
  encrypt(credentials: unknown, organizationId: string): string;
  decrypt(ciphertext: string, organizationId: string): unknown;
};

export function createCredentialCipher(key: Buffer): CredentialCipher {
  if (key.length !== 32) throw new Error('CREDENTIALS_KEY must be 32 bytes (base64-encoded)');
  return {
    encrypt(credentials, organizationId) {
      const iv = randomBytes(12);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      cipher.setAAD(Buffer.from(organizationId));
      const body = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
      return [
        VERSION,
        iv.toString('base64'),
        cipher.getAuthTag().toString('base64'),
        body.toString('base64'),
      ].join(':');
    },
    decrypt(ciphertext, organizationId) {
      const [version, iv, tag, body] = ciphertext.split(':');
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined)
        throw new Error('unknown credential format');
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(organizationId));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return JSON.parse(
        Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8'),
      );
    },
  };
}

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
