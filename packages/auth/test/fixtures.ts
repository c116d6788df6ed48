import {
  ReplayGuard,
  signEnvelope,
  verifyEnvelope,
  type OrgRole,
  type Principal,
  type TeamRole,
} from '../src';

export const SECRET = 'a-test-secret-that-is-at-least-32-chars';
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
    secret: SECRET,
    audience: 'workspace',
    principal,
    requestId: 'r',
    method: 'POST',
    path: '/graphql',
    body: BODY,
    ...overrides,
  });
}

/** Verifies `token` as the workspace verifies BODY at /graphql (a fresh replay guard), unless overridden. */
export function verify(
  token: string | undefined,
  overrides: Partial<Parameters<typeof verifyEnvelope>[0]> = {},
) {
  return verifyEnvelope({
    token,
    secret: SECRET,
    audience: 'workspace',
    method: 'POST',
    path: '/graphql',
    body: BODY,
    replayGuard: new ReplayGuard(),
    ...overrides,
  });
}
