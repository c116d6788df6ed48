/** Connection credentials at rest: the cipher and where its key comes from (shared with identity's webhook secrets). */
export { createCredentialCipher, loadCredentialKey, type CredentialCipher } from '@controlplane/config';
