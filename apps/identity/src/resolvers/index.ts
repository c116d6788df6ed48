import { DateTimeScalar, JSONScalar } from '@controlplane/graphql-kit';
import { accountMutations } from './account-mutations';
import { membershipMutations } from './membership-mutations';
import { Query } from './query';
import type { Resolvers } from './schema-types.generated';
import { typeResolvers } from './types';
import { webhookMutations, webhookQueries, webhookTypes } from './webhooks';

/** Checked against the types generated from the SDL, and still a plain resolver map for the server. */
export const resolvers = {
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  Query: { ...Query, ...webhookQueries },
  Mutation: { ...accountMutations, ...membershipMutations, ...webhookMutations },
  ...typeResolvers,
  ...webhookTypes,
} satisfies Resolvers;
