/** Connection credentials at rest: the cipher and its keys (shared with identity's webhook secrets), and their rotation. */
export {
  CredentialKeyError,
  createCredentialCipher,
  createCredentialCipherFor,
  keyIdOf,
  loadCredentialKeys,
  type CredentialCipher,
} from '@controlplane/config';
export { createCredentialRepository, type CredentialRepository } from './credential-repository';
export {
  createCredentialReader,
  reencryptAllCredentials,
  type CredentialReader,
  type ReencryptionReport,
} from './rotation';
