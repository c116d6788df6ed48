import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * Envelope signing keys as the environment gives them: Ed25519, each either PEM text or the
 * base64 of its DER bytes (one line, fit for a .env file): a private key as PKCS8
 * (`openssl genpkey -algorithm ed25519 -outform DER | base64 -w0`), a public key as SPKI
 * (`… | base64 -d | openssl pkey -inform DER -pubout -outform DER | base64 -w0`; README, Docker).
 */
function keyObjectOf(text: string, kind: 'private' | 'public'): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith('-----BEGIN')
    ? kind === 'private'
      ? createPrivateKey(trimmed)
      : createPublicKey(trimmed)
    : kind === 'private'
      ? createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' })
      : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
  return key;
}

const keyText = (kind: 'private' | 'public') =>
  z
    .string({ error: `required: an Ed25519 ${kind} key (README, Running against PostgreSQL)` })
    .transform((text, context) => {
      try {
        return keyObjectOf(text, kind);
      } catch {
        context.addIssue({
          code: 'custom',
          message:
            kind === 'private'
              ? 'is not an Ed25519 private key (PKCS8: PEM, or base64 of its DER bytes)'
              : 'is not an Ed25519 public key (SPKI: PEM, or base64 of its DER bytes)',
        });
        return z.NEVER;
      }
    });

/** This process's own private key: it signs every envelope the process sends (`SIGNING_KEY`). */
export const signingKey = keyText('private');

/** A caller's public key, absent when empty (the `…_PREVIOUS` of a rotation). */
export const optionalPublicKey = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value))
  .pipe(keyText('public').optional());

/** The services that sign envelopes, as the environment names them. */
export const SIGNING_CALLERS = ['gateway', 'identity', 'workspace', 'catalog'] as const;
export type SigningCaller = (typeof SIGNING_CALLERS)[number];

/** `GATEWAY_PUBLIC_KEY`, `WORKSPACE_PUBLIC_KEY`…: where a receiver reads a caller's public key. */
export const publicKeyVariable = (caller: SigningCaller) =>
  `${caller.toUpperCase()}_PUBLIC_KEY` as `${Uppercase<SigningCaller>}_PUBLIC_KEY`;

/** A key pair in the environment's text form: `SIGNING_KEY` for its holder, the public key for receivers. */
export type KeyPairText = { signingKey: string; publicKey: string };

/** A fresh key pair in the environment's text form, for local stacks (npm start, tests, benchmarks). */
export function generateSigningKeyPair(): KeyPairText {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    signingKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

/**
 * The signing environment of a local stack with one key pair per caller: each service gets its own
 * `SIGNING_KEY` and every caller's public key (a receiver uses only those of the callers it trusts).
 */
export function localSigningEnvironment(
  pairs: Record<SigningCaller, KeyPairText>,
): Record<SigningCaller, Record<string, string>> {
  const publicKeys: Record<string, string> = {};
  for (const caller of SIGNING_CALLERS) publicKeys[publicKeyVariable(caller)] = pairs[caller].publicKey;
  const environment = {} as Record<SigningCaller, Record<string, string>>;
  for (const caller of SIGNING_CALLERS)
    environment[caller] = { ...publicKeys, SIGNING_KEY: pairs[caller].signingKey };
  return environment;
}

/** One fresh key pair per caller. */
export function generateLocalSigningKeys(): Record<SigningCaller, KeyPairText> {
  const pairs = {} as Record<SigningCaller, KeyPairText>;
  for (const caller of SIGNING_CALLERS) pairs[caller] = generateSigningKeyPair();
  return pairs;
}
