import { parseInput } from '@controlplane/graphql-kit';
import type { IdentityContext } from '../context';
import { createOrganizationInput, emailField, signUpInput } from '../validation';

export const Mutation = {
  signUp(_: unknown, args: { input: unknown }, context: IdentityContext) {
    return context.services.auth.signUp(parseInput(signUpInput, args.input, 'input'));
  },

  logIn(_: unknown, args: { email: string; password: string }, context: IdentityContext) {
    // Malformed emails fail like wrong ones: logIn never says which accounts exist.
    const email = emailField.safeParse(args.email);
    return context.services.auth.logIn(email.success ? email.data : '', args.password);
  },

  createOrganization(_: unknown, args: { input: unknown }, context: IdentityContext) {
    const input = parseInput(createOrganizationInput, args.input, 'input');
    // The shield rule guarantees a signed-in user.
    return context.services.organizations.create(context.viewer.userId as string, input);
  },
};
