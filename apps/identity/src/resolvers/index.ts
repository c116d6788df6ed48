import { membershipMutations } from './membership-mutations';
import { accountMutations } from './account-mutations';
import { Query } from './query';
import { typeResolvers } from './types';

export const resolvers = {
  Query,
  Mutation: { ...accountMutations, ...membershipMutations },
  ...typeResolvers,
};
