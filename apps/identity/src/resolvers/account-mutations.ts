import { parseInput } from '@controlplane/graphql-kit';
import {
  createOrganizationInput,
  emailField,
  passwordField,
  signUpInput,
  updateOrganizationInput,
} from '../validation';
import type { MutationResolvers } from './schema-types.generated';

/** Accounts and organizations. Who may call each is in permissions.ts and policy.ts; rules of the domain in services/. */
export const accountMutations = {
  signUp: (_, args, context) => context.services.auth.signUp(parseInput(signUpInput, args.input, 'input')),

  logIn: (_, args, context) => {
    // Malformed emails fail like wrong ones: logIn never says which accounts exist.
    const email = emailField.safeParse(args.email);
    return context.services.auth.logIn(email.success ? email.data : '', args.password);
  },

  logOut: (_, _args, context) => context.services.auth.logOut(context.viewer),

  logOutEverywhere: (_, _args, context) => context.services.auth.logOutEverywhere(context.viewer),

  changePassword: (_, args, context) =>
    context.services.auth.changePassword(context.viewer, {
      currentPassword: args.currentPassword,
      newPassword: parseInput(passwordField, args.newPassword, 'newPassword'),
    }),

  createOrganization: (_, args, context) =>
    context.services.organizations.create(
      context.viewer,
      parseInput(createOrganizationInput, args.input, 'input'),
    ),

  updateOrganization: (_, args, context) =>
    context.services.organizations.update(
      context.viewer,
      args.id,
      parseInput(updateOrganizationInput, args.input, 'input'),
    ),

  deleteOrganization: (_, args, context) => context.services.organizations.delete(context.viewer, args.id),

  setMemberRole: (_, args, context) =>
    context.services.organizations.setMemberRole(context.viewer, args.organizationId, args.userId, args.role),

  removeMember: (_, args, context) =>
    context.services.organizations.removeMember(context.viewer, args.organizationId, args.userId),

  leaveOrganization: (_, args, context) =>
    context.services.organizations.leave(context.viewer, args.organizationId),
} satisfies MutationResolvers;
