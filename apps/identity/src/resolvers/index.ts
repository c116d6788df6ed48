import { DateTimeScalar, JSONScalar } from '@controlplane/graphql-kit';
import { accountMutations } from './account-mutations';
import { membershipMutations } from './membership-mutations';
import { Query } from './query';
import type { Resolvers } from './schema-types.generated';
import { typeResolvers } from './types';

/** Checked against the types generated from the SDL, and still a plain resolver map for the server. */
export const resolvers = {
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  Query,
  Mutation: { ...accountMutations, ...membershipMutations },
  ...typeResolvers,
} satisfies Resolvers;
