import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
/** `v2:<key id>:<iv>:<tag>:<body>`: names the key that sealed it. */
const VERSION = 'v2';
/** `v1:<iv>:<tag>:<body>`, written before keys rotated: tried with each configured key. */
const LEGACY_VERSION = 'v1';

/**
 * Why credentials could not be opened: no configured key is the one that sealed them, or they
 * were altered (or copied to another organization's row). The message names key ids and the
 * variables to set, never the credentials or their ciphertext.
 */
export class CredentialKeyError extends Error {
  override name = 'CredentialKeyError';
}

/** Opened credentials, with the key that opened them. */
export type OpenedCredentials = {
  credentials: unknown;
  keyId: string;
  /** Not sealed with CREDENTIALS_KEY in the current format: seal them again (reencrypt). */
  stale: boolean;
};

/**
 * Secrets at rest (workspace's connection credentials, identity's webhook signing secrets):
 * AES-256-GCM with a random IV, authenticated with the owning organization's id as associated
 * data, so a ciphertext copied to another tenant's row fails to decrypt. Nothing in the API ever
 * returns them.
 *
 * Rotation: everything is sealed with the current key (CREDENTIALS_KEY); CREDENTIALS_KEY_PREVIOUS
 * only opens. Each ciphertext names its key by id (keyIdOf), so opening never tries keys blindly,
 * except for ciphertexts written before ids existed (`v1`).
 */
export type CredentialCipher = {
  /** The id of the key everything is sealed with now. */
  currentKeyId: string;
  encrypt(credentials: unknown, organizationId: string): string;
  /** Opens credentials sealed with either key; throws CredentialKeyError otherwise. */
  open(ciphertext: string, organizationId: string): OpenedCredentials;
  /** Whether `ciphertext` is sealed with the current key in the current format (nothing to re-encrypt). */
  isCurrent(ciphertext: string): boolean;
};

/**
 * A key's public name: the first 8 bytes of SHA-256 over a label and the key, base64url (11
 * characters). It tells keys apart in ciphertexts and messages and reveals nothing usable about
 * the key.
 */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256')
    .update('controlplane credentials key\0')
    .update(key)
    .digest()
    .subarray(0, 8)
    .toString('base64url');
}

function seal(key: Buffer, credentials: unknown, organizationId: string): string[] {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(organizationId));
  const body = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
  return [iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')];
}

/** The plaintext, or undefined when `key` is not the one (GCM's tag does not match). */
function unseal(key: Buffer, parts: string[], organizationId: string): { value: unknown } | undefined {
  const [iv, tag, body] = parts;
  if (iv === undefined || tag === undefined || body === undefined)
    throw new CredentialKeyError('The stored credentials are not in a known format.');
  try {
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(organizationId));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]);
    return { value: JSON.parse(text.toString('utf8')) as unknown };
  } catch {
    return undefined;
  }
}

export function createCredentialCipher(keys: { current: Buffer; previous?: Buffer }): CredentialCipher {
  if (keys.current.length !== 32) throw new Error('CREDENTIALS_KEY must be 32 bytes (base64-encoded)');
  if (keys.previous !== undefined && keys.previous.length !== 32)
    throw new Error('CREDENTIALS_KEY_PREVIOUS must be 32 bytes (base64-encoded)');
  const ring = [keys.current, ...(keys.previous === undefined ? [] : [keys.previous])].map((key) => ({
    id: keyIdOf(key),
    key,
  }));
  const current = ring[0] as { id: string; key: Buffer };
  const configured = () =>
    `CREDENTIALS_KEY is ${current.id}, CREDENTIALS_KEY_PREVIOUS ${ring[1] === undefined ? 'is not set' : `is ${ring[1].id}`}`;

  return {
    currentKeyId: current.id,
    encrypt(credentials, organizationId) {
      return [VERSION, current.id, ...seal(current.key, credentials, organizationId)].join(':');
    },
    open(ciphertext, organizationId) {
      const [version, ...rest] = ciphertext.split(':');
      if (version === VERSION) {
        const [keyId, ...parts] = rest;
        const entry = ring.find((candidate) => candidate.id === keyId);
        if (entry === undefined)
          throw new CredentialKeyError(
            `The stored credentials were encrypted with key ${keyId ?? '?'}, which is not configured (${configured()}).`,
          );
        const opened = unseal(entry.key, parts, organizationId);
        if (opened === undefined)
          throw new CredentialKeyError(
            `The stored credentials do not decrypt with key ${entry.id}: they were altered or belong to another organization.`,
          );
        return { credentials: opened.value, keyId: entry.id, stale: entry !== current };
      }
      if (version === LEGACY_VERSION) {
        for (const entry of ring) {
          const opened = unseal(entry.key, rest, organizationId);
          if (opened !== undefined) return { credentials: opened.value, keyId: entry.id, stale: true };
        }
        throw new CredentialKeyError(
          `The stored credentials (written before key ids) decrypt with no configured key (${configured()}).`,
        );
      }
      throw new CredentialKeyError('The stored credentials are not in a known format.');
    },
    isCurrent(ciphertext) {
      return ciphertext.startsWith(`${VERSION}:${current.id}:`);
    },
  };
}
