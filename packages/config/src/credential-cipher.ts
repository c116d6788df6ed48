import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';

/**
 * Secrets at rest (workspace's connection credentials, identity's webhook signing keys):
 * AES-256-GCM with a random IV, authenticated with the owning organization's id as associated
 * data, so a ciphertext copied to another tenant's row fails to decrypt. Nothing in the API ever
 * returns them.
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
