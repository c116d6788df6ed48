/**
 * Connection credentials at rest: where they are read and stored, and their re-encryption after a
 * key rotation. The cipher and its keys live in @controlplane/config (identity's webhook secrets
 * share them).
 */
export { createCredentialRepository, type CredentialRepository } from './credential-repository';
export {
  createCredentialReader,
  reencryptAllCredentials,
  type CredentialReader,
  type ReencryptionReport,
} from './rotation';
