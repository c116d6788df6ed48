import { forbidden, notFound, unauthenticated } from '@controlplane/errors';
import type { GraphQLResolveInfo } from 'graphql';
import { allow, and, deny, or, rule, shield, type IRule, type IRules } from 'graphql-shield';
import type { OrgRole } from './principal';
import type { Viewer } from './viewer';

export type AuthContext = { viewer: Viewer };

type Resolve<T> = (parent: any, args: any, context: any, info: GraphQLResolveInfo) => T | Promise<T>;

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

/**
 * The caller must hold one of `roles` in the organization that `organizationOf` names.
 * An organization the caller is not a member of (or an object that does not exist) answers
 * NOT_FOUND, never FORBIDDEN, so that nobody learns what other tenants have.
 */
export function hasOrgRole(options: {
  roles: readonly OrgRole[];
  /** The organization that owns the object; null when the object does not exist. */
  organizationOf: Resolve<string | null | undefined>;
  /** The type named in the NOT_FOUND message. */
  typeName: string;
}): IRule {
  return rule({ cache: 'no_cache' })(async (parent, args, context: AuthContext, info) => {
    const { viewer } = context;
    if (!viewer.isAuthenticated) return unauthenticated();
    const organizationId = await options.organizationOf(parent, args, context, info);
    if (organizationId === null || organizationId === undefined || !viewer.isMemberOf(organizationId)) {
      return notFound(options.typeName);
    }
    return viewer.hasRoleIn(organizationId, options.roles) ? true : forbidden();
  });
}

type Args = Record<string, any>;

/** The caller holds one of `roles` in the organization named by argument `name` (or `input.name`). */
export function orgRoleByArgument(roles: readonly OrgRole[], name: string): IRule {
  return hasOrgRole({
    roles,
    typeName: 'Organization',
    organizationOf: (_parent, args: Args) =>
      args.input !== undefined && args.input !== null && name in args.input ? args.input[name] : args[name],
  });
}

/**
 * The caller holds one of `roles` in the organization that owns the object `load` finds for
 * argument `name`; `load` answers null for ids that do not exist (or cannot: malformed).
 */
export function orgRoleByObject<Context>(
  roles: readonly OrgRole[],
  name: string,
  typeName: string,
  load: (id: unknown, context: Context) => Promise<{ organizationId: string } | null>,
): IRule {
  return hasOrgRole({
    roles,
    typeName,
    organizationOf: async (_parent, args: Args, context: Context) =>
      (await load(args[name], context))?.organizationId,
  });
}

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
