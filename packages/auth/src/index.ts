export * from './principal';
export { Viewer } from './viewer';
export type { Actor } from './viewer';
export {
  IDENTITY_HEADER,
  REQUEST_ID_HEADER,
  PRINCIPAL_CHANGED_HEADER,
  EnvelopeError,
  callerOf,
  createEnvelopeSigner,
  keyIdOf,
  trustCallers,
  GRAPHQL_METHOD,
  GRAPHQL_PATH,
  ReplayGuard,
  hashBody,
  signEnvelope,
  verifyEnvelope,
} from './envelope';
export type { EnvelopeClaims, EnvelopeId, EnvelopeSigner, TrustedCallers } from './envelope';
export * from './rules';
