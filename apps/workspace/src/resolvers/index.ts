import { DateTimeScalar, JSONScalar } from '@controlplane/graphql-kit';
import { Connection } from './connection';
import { Deployment, deploymentQueries, DeploymentTarget } from './deployment';
import { deploymentMutations } from './deployment-mutations';
import { ComplianceReport, Policy, policyQueries, PolicyViolation } from './policy';
import { policyMutations } from './policy-mutations';
import { Design, DesignRevision } from './design';
import { Environment } from './environment';
import { environmentMutations } from './environment-mutations';
import { designMutations } from './design-mutations';
import { Organization } from './organization';
import { Query } from './query';
import type { Resolvers } from './schema-types.generated';
import { Team } from './team';
import { Workspace, WorkspaceGrant } from './workspace';
import { workspaceMutations } from './workspace-mutations';

/**
 * Every map is checked against the types generated from the SDL with `satisfies` rather than
 * annotated with them: each keeps its own narrower type, so `__resolveReference(reference,
 * context)` stays a two-parameter function, which Apollo's `GraphQLResolverMap` (the server's
 * parameter type) accepts without a cast.
 */
export const resolvers = {
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  Query: { ...Query, ...deploymentQueries, ...policyQueries },
  Mutation: {
    ...workspaceMutations,
    ...environmentMutations,
    ...designMutations,
    ...deploymentMutations,
    ...policyMutations,
  },
  Organization,
  Team,
  Workspace,
  WorkspaceGrant,
  Environment,
  Connection,
  Design,
  DesignRevision,
  Deployment,
  DeploymentTarget,
  Policy,
  PolicyViolation,
  ComplianceReport,
} satisfies Resolvers;
