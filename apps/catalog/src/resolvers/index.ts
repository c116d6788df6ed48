import { DateTimeScalar } from '@controlplane/graphql-kit';
import { CatalogFeedback } from './catalog-feedback';
import { CatalogItem } from './catalog-item';
import { CatalogItemVersion } from './catalog-item-version';
import { Design, Organization } from './federated-entities';
import { Mutation } from './mutation';
import { Query } from './query';
import type { Resolvers } from './schema-types.generated';

export const resolvers = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Organization,
  Design,
  CatalogItem,
  CatalogItemVersion,
  CatalogFeedback,
} satisfies Resolvers;
