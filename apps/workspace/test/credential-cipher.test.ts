import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import {
  generateLocalSigningKeys,
  KNOWN_PLACEHOLDER_SECRETS,
  localSigningEnvironment,
} from '@controlplane/config';
import { loadCredentialsCommandConfig, loadWorkspaceConfig } from '../src/config';
import { CredentialKeyError, createCredentialCipher, keyIdOf } from '@controlplane/config';

/** Guards CREDENTIALS_KEY rotation at the cipher: key ids, the previous key, legacy ciphertexts, clear refusals. */
const A = randomBytes(32);
const B = randomBytes(32);
const C = randomBytes(32);
const SECRET = { username: 'deployer', token: 'glpat-cipherTest9Xq2' };
const organizationId = randomUUID();

/** A ciphertext as written before key ids existed: `v1:<iv>:<tag>:<body>`. */
function legacySeal(key: Buffer, value: unknown, organization: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(organization));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(
    ':',
  );
}

function refusalOf(open: () => unknown): CredentialKeyError {
  try {
    open();
  } catch (error) {
    if (error instanceof CredentialKeyError) return error;
    throw error;
  }
  throw new Error('expected a CredentialKeyError');
}

describe('the credential cipher', () => {
  it('names the sealing key in the ciphertext and opens with it', () => {
    const cipher = createCredentialCipher({ current: A });
    const sealed = cipher.encrypt(SECRET, organizationId);
    expect(sealed.startsWith(`v2:${keyIdOf(A)}:`)).toBe(true);
    expect(sealed).not.toContain(SECRET.token);
    expect(cipher.isCurrent(sealed)).toBe(true);
    expect(cipher.open(sealed, organizationId)).toEqual({
      credentials: SECRET,
      keyId: keyIdOf(A),
      stale: false,
    });
  });

  it('opens what the previous key sealed, as stale, and seals only with the current key', () => {
    const sealedWithA = createCredentialCipher({ current: A }).encrypt(SECRET, organizationId);
    const rotated = createCredentialCipher({ current: B, previous: A });
    expect(rotated.isCurrent(sealedWithA)).toBe(false);
    expect(rotated.open(sealedWithA, organizationId)).toEqual({
      credentials: SECRET,
      keyId: keyIdOf(A),
      stale: true,
    });
    expect(rotated.encrypt(SECRET, organizationId).startsWith(`v2:${keyIdOf(B)}:`)).toBe(true);
  });

  it('opens ciphertexts written before key ids with either key, as stale', () => {
    const rotated = createCredentialCipher({ current: B, previous: A });
    expect(rotated.open(legacySeal(A, SECRET, organizationId), organizationId)).toEqual({
      credentials: SECRET,
      keyId: keyIdOf(A),
      stale: true,
    });
    expect(rotated.open(legacySeal(B, SECRET, organizationId), organizationId).keyId).toBe(keyIdOf(B));
  });

  it('refuses a ciphertext of a key that is not configured, naming key ids and never the credentials', () => {
    const sealed = createCredentialCipher({ current: A }).encrypt(SECRET, organizationId);
    for (const cipher of [
      createCredentialCipher({ current: C }),
      createCredentialCipher({ current: C, previous: B }),
    ]) {
      const refusal = refusalOf(() => cipher.open(sealed, organizationId));
      expect(refusal.message).toContain(`encrypted with key ${keyIdOf(A)}, which is not configured`);
      expect(refusal.message).toContain(`CREDENTIALS_KEY is ${keyIdOf(C)}`);
      expect(refusal.message).not.toContain(SECRET.token);
      expect(refusal.message).not.toContain(sealed.split(':').at(-1));
    }
    const legacy = refusalOf(() =>
      createCredentialCipher({ current: C }).open(legacySeal(A, SECRET, organizationId), organizationId),
    );
    expect(legacy.message).toContain('decrypt with no configured key');
  });

  it("refuses another organization's or an altered ciphertext", () => {
    const cipher = createCredentialCipher({ current: A });
    const sealed = cipher.encrypt(SECRET, organizationId);
    expect(refusalOf(() => cipher.open(sealed, randomUUID())).message).toContain(
      'altered or belong to another organization',
    );
    const parts = sealed.split(':');
    parts[4] = Buffer.from('{"token":"forged"}').toString('base64');
    expect(() => cipher.open(parts.join(':'), organizationId)).toThrow(CredentialKeyError);
    expect(() => cipher.open('plain text', organizationId)).toThrow('not in a known format');
  });

  it('refuses keys that are not 32 bytes, naming the variable', () => {
    expect(() => createCredentialCipher({ current: randomBytes(16) })).toThrow(
      'CREDENTIALS_KEY must be 32 bytes',
    );
    expect(() => createCredentialCipher({ current: A, previous: randomBytes(31) })).toThrow(
      'CREDENTIALS_KEY_PREVIOUS must be 32 bytes',
    );
  });
});

describe('CREDENTIALS_KEY_PREVIOUS with NODE_ENV=production', () => {
  const placeholder = KNOWN_PLACEHOLDER_SECRETS[2] as string;
  const env = {
    NODE_ENV: 'production',
    ...localSigningEnvironment(generateLocalSigningKeys()).workspace,
    DATABASE_URL: 'postgresql://service@127.0.0.1:1/never-reached',
    CREDENTIALS_KEY: A.toString('base64'),
  };

  it.each([
    ['the workspace service', loadWorkspaceConfig],
    ['npm run credentials:reencrypt', loadCredentialsCommandConfig],
  ])('%s refuses a placeholder, naming the variable', (_name, load) => {
    expect(() => load({ ...env, CREDENTIALS_KEY_PREVIOUS: placeholder })).toThrow(
      /CREDENTIALS_KEY_PREVIOUS: is a published placeholder secret/,
    );
    expect(() => load({ ...env, CREDENTIALS_KEY: placeholder })).toThrow(
      /CREDENTIALS_KEY: is a published placeholder secret/,
    );
    expect(load({ ...env, CREDENTIALS_KEY_PREVIOUS: B.toString('base64') }).CREDENTIALS_KEY_PREVIOUS).toBe(
      B.toString('base64'),
    );
  });
});
