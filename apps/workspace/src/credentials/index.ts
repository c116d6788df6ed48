/** Connection credentials at rest: the cipher, its keys and their rotation. */
export { CredentialKeyError, createCredentialCipher, keyIdOf, type CredentialCipher } from './cipher';
export { createCredentialCipherFor, loadCredentialKeys } from './key';
export { createCredentialRepository, type CredentialRepository } from './credential-repository';
export {
  createCredentialReader,
  reencryptAllCredentials,
  type CredentialReader,
  type ReencryptionReport,
} from './rotation';
