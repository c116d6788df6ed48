import { parseInput } from '@controlplane/graphql-kit';
import type { IdentityContext } from '../context';
import { createOrganizationInput, emailField, signUpInput, updateOrganizationInput } from '../validation';

type Ctx = IdentityContext;

/** Accounts and organizations. Who may call each is in permissions.ts; rules of the domain in services/. */
export const accountMutations = {
  signUp(_: unknown, args: { input: unknown }, context: Ctx) {
    return context.services.auth.signUp(parseInput(signUpInput, args.input, 'input'));
  },

  logIn(_: unknown, args: { email: string; password: string }, context: Ctx) {
    // Malformed emails fail like wrong ones: logIn never says which accounts exist.
    const email = emailField.safeParse(args.email);
    return context.services.auth.logIn(email.success ? email.data : '', args.password);
  },

  createOrganization(_: unknown, args: { input: unknown }, context: Ctx) {
    return context.services.organizations.create(
      context.viewer,
      parseInput(createOrganizationInput, args.input, 'input'),
    );
  },

  updateOrganization(_: unknown, args: { id: string; input: unknown }, context: Ctx) {
    return context.services.organizations.update(
      context.viewer,
      args.id,
      parseInput(updateOrganizationInput, args.input, 'input'),
    );
  },

  deleteOrganization(_: unknown, args: { id: string }, context: Ctx) {
    return context.services.organizations.softDelete(context.viewer, args.id);
  },

  setMemberRole(
    _: unknown,
    args: { organizationId: string; userId: string; role: 'OWNER' | 'ADMIN' | 'MEMBER' | 'AUDITOR' },
    context: Ctx,
  ) {
    return context.services.organizations.setMemberRole(
      context.viewer,
      args.organizationId,
      args.userId,
      args.role,
    );
  },

  removeMember(_: unknown, args: { organizationId: string; userId: string }, context: Ctx) {
    return context.services.organizations.removeMember(context.viewer, args.organizationId, args.userId);
  },

  leaveOrganization(_: unknown, args: { organizationId: string }, context: Ctx) {
    return context.services.organizations.leave(context.viewer, args.organizationId);
  },
};
