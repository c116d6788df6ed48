import { generateKeyPairSync } from 'node:crypto';
import {
  createEnvelopeSigner,
  ReplayGuard,
  signEnvelope,
  trustCallers,
  verifyEnvelope,
  type OrgRole,
  type Principal,
  type ServiceName,
  type TeamRole,
} from '../src';

/** A fresh Ed25519 key pair for `caller`: its signer, and the public key receivers trust. */
export function callerKeys(caller: ServiceName) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { signer: createEnvelopeSigner(caller, privateKey), publicKey };
}

export const GATEWAY = callerKeys('gateway');
export const WORKSPACE = callerKeys('workspace');
export const CATALOG = callerKeys('catalog');
/** The callers `verify` trusts, each with its one current key. */
export const TRUSTED = trustCallers({
  gateway: [GATEWAY.publicKey],
  workspace: [WORKSPACE.publicKey],
  catalog: [CATALOG.publicKey],
});
export const BODY = '{"query":"{ me { user { id } } }"}';

/** Ada, a user with `organizationRole` in org-1 and `teamRole` in its team-1. */
export function adaWith(userId: string, organizationRole: OrgRole, teamRole: TeamRole): Principal {
  return {
    kind: 'user',
    userId,
    displayName: 'Ada',
    organizations: [{ organizationId: 'org-1', role: organizationRole }],
    teams: [{ teamId: 'team-1', organizationId: 'org-1', role: teamRole }],
  };
}

/** An envelope for `principal`, signed as the gateway signs BODY to the workspace's /graphql, unless overridden. */
export function sign(principal: Principal, overrides: Partial<Parameters<typeof signEnvelope>[0]> = {}) {
  return signEnvelope({
    signer: GATEWAY.signer,
    audience: 'workspace',
    principal,
    requestId: 'r',
    method: 'POST',
    path: '/graphql',
    body: BODY,
    ...overrides,
  });
}

/** Verifies `token` as the workspace verifies BODY at /graphql (TRUSTED, a fresh replay guard), unless overridden. */
export function verify(
  token: string | undefined,
  overrides: Partial<Parameters<typeof verifyEnvelope>[0]> = {},
) {
  return verifyEnvelope({
    token,
    trusted: TRUSTED,
    audience: 'workspace',
    method: 'POST',
    path: '/graphql',
    body: BODY,
    replayGuard: new ReplayGuard(),
    ...overrides,
  });
}
