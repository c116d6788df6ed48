import { createHash, randomBytes } from 'node:crypto';

/** A one-time secret (API key or invitation token): 32 random bytes behind a recognisable prefix. */
export function generateSecret(kind: 'cpk' | 'cpi'): string {
  return `${kind}_${randomBytes(32).toString('base64url')}`;
}

/** Secrets are high-entropy, so a fast hash is enough to make a stolen table useless. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function isApiKeySecret(credential: string): boolean {
  return credential.startsWith('cpk_');
}
