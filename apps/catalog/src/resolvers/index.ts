import { Mutation } from './mutation';
import { Query } from './query';
import { typeResolvers } from './types';

export const resolvers = { Query, Mutation, ...typeResolvers };
