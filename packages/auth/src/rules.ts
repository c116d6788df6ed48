import { forbidden, unauthenticated } from '@controlplane/errors';
import { allow, and, deny, or, rule, shield, type IRule, type IRules } from 'graphql-shield';
import type { OrgRole } from './principal';
import type { Viewer } from './viewer';

export type AuthContext = { viewer: Viewer };

/** Any authenticated caller: a signed-in user or an API key. */
export const isAuthenticated: IRule = rule({ cache: 'contextual' })((_parent, _args, context: AuthContext) =>
  context.viewer.isAuthenticated ? true : unauthenticated(),
);

/** A signed-in person; API keys act for an organization, not as a user, so they are refused. */
export const isSignedInUser: IRule = rule({ cache: 'contextual' })((_parent, _args, context: AuthContext) => {
  if (context.viewer.userId !== undefined) return true;
  return context.viewer.isAuthenticated
    ? forbidden('Only a signed-in user can do this, not an API key.')
    : unauthenticated();
});

export const ANY_ORG_ROLE: readonly OrgRole[] = ['OWNER', 'ADMIN', 'MEMBER', 'AUDITOR'];
export const ORG_ADMINS: readonly OrgRole[] = ['OWNER', 'ADMIN'];

/**
 * Wraps a subgraph's rule map in shield with the project's policy: deny whatever has no rule,
 * and let resolver errors through untouched (they are already contract errors or get masked by
 * the server's error formatter).
 */
export function createShield(rules: IRules): ReturnType<typeof shield> {
  return shield(rules, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => forbidden(),
  });
}

export { allow, and, deny, or, rule };
export type { IRule, IRules };
