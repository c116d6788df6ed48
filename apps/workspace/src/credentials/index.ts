/** Connection credentials at rest: the cipher and where its key comes from. */
export { createCredentialCipher, type CredentialCipher } from './cipher';
export { loadCredentialKey } from './key';
