import { byKey, groupByKey } from '@controlplane/graphql-kit';
import type { SubgraphContext } from '@controlplane/subgraph';
import DataLoader from 'dataloader';
import type { IdentityClient } from './clients/identity-client';
import type { WorkspaceRepositories } from './repositories';
import type { DesignRecord, DesignRevisionRecord } from './repositories/design-repository';
import type { ConnectionRecord, EnvironmentRecord } from './repositories/environment-repository';
import type { GrantRecord, WorkspaceRecord } from './repositories/workspace-repository';
import type { DesignService } from './services/design-service';
import type { EnvironmentService } from './services/environment-service';
import type { WorkspaceService } from './services/workspace-service';
import type { ComplianceEvaluator, DesignViolations } from './compliance/evaluator';
import type { PolicyRecord } from './compliance/policy-repository';
import type { PolicyService } from './compliance/policy-service';
import type { DeploymentRecord, DeploymentTargetRecord } from './deployments/deployment-repository';
import type { DeploymentService } from './deployments/deployment-service';

export type WorkspaceServices = {
  workspaces: WorkspaceService;
  environments: EnvironmentService;
  designs: DesignService;
  deployments: DeploymentService;
  policies: PolicyService;
  evaluator: ComplianceEvaluator;
};

export type WorkspaceContext = SubgraphContext & {
  repositories: WorkspaceRepositories;
  services: WorkspaceServices;
  loaders: WorkspaceLoaders;
  /** Identity's answers about teams, for this request (batched). */
  identity: IdentityClient;
};

type Page = { first: number; after?: { at: Date; id: string } | undefined };
const pageKey = (page: Page) => `${page.first}:${page.after?.at.toISOString() ?? ''}:${page.after?.id ?? ''}`;

/**
 * Per-request batching and caching: one query per kind of object or relation, however many the
 * response holds, and each row read once per request (the policy's check and the resolver that
 * acts on the same subject share it).
 */
export function createLoaders(repositories: WorkspaceRepositories, evaluator: ComplianceEvaluator) {
  const { workspaces, environments, designs, deployments, policies } = repositories;
  /** Design pages are batched per distinct (first, after): the usual case is one batch for all workspaces. */
  const designPageLoaders = new Map<string, DataLoader<string, DesignRecord[]>>();
  const revisionLoaders = new Map<number, DataLoader<string, DesignRevisionRecord[]>>();
  const rows = {
    workspace: new DataLoader<string, WorkspaceRecord | null>(async (ids) =>
      byKey(ids, await workspaces.findLiveByIds(ids), (w) => w.id),
    ),
    grantsOfWorkspace: new DataLoader<string, GrantRecord[]>(async (ids) =>
      groupByKey(ids, await workspaces.findGrantsOfWorkspaces(ids), (g) => g.workspaceId),
    ),
    grantsOfTeam: new DataLoader<string, GrantRecord[]>(async (ids) =>
      groupByKey(ids, await workspaces.findGrantsOfTeams(ids), (g) => g.teamId),
    ),
    environment: new DataLoader<string, EnvironmentRecord | null>(async (ids) =>
      byKey(ids, await environments.findEnvironmentsByIds(ids), (e) => e.id),
    ),
    connection: new DataLoader<string, ConnectionRecord | null>(async (ids) =>
      byKey(ids, await environments.findConnectionsByIds(ids), (c) => c.id),
    ),
    environmentIdsOfWorkspace: new DataLoader<string, string[]>(async (ids) =>
      groupByKey(
        ids,
        await environments.findWorkspaceEnvironmentLinks({ workspaceIds: ids }),
        (l) => l.workspaceId,
      ).map((links) => links.map((l) => l.environmentId)),
    ),
    workspaceIdsOfEnvironment: new DataLoader<string, string[]>(async (ids) =>
      groupByKey(
        ids,
        await environments.findWorkspaceEnvironmentLinks({ environmentIds: ids }),
        (l) => l.environmentId,
      ).map((links) => links.map((l) => l.workspaceId)),
    ),
    connectionIdsOfEnvironment: new DataLoader<string, string[]>(async (ids) =>
      groupByKey(
        ids,
        await environments.findEnvironmentConnectionLinks({ environmentIds: ids }),
        (l) => l.environmentId,
      ).map((links) => links.map((l) => l.connectionId)),
    ),
    environmentIdsOfConnection: new DataLoader<string, string[]>(async (ids) =>
      groupByKey(
        ids,
        await environments.findEnvironmentConnectionLinks({ connectionIds: ids }),
        (l) => l.connectionId,
      ).map((links) => links.map((l) => l.environmentId)),
    ),
    design: new DataLoader<string, DesignRecord | null>(async (ids) =>
      byKey(ids, await designs.findLiveByIds(ids), (d) => d.id),
    ),
    designCountOfWorkspace: new DataLoader<string, number>(async (ids) => {
      const counts = await designs.countByWorkspaces(ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    deployment: new DataLoader<string, DeploymentRecord | null>(async (ids) =>
      byKey(ids, await deployments.findByIds(ids), (d) => d.id),
    ),
    targetsOfDeployment: new DataLoader<string, DeploymentTargetRecord[]>(async (ids) =>
      groupByKey(ids, await deployments.findTargetsOf(ids), (t) => t.deploymentId),
    ),
    policy: new DataLoader<string, PolicyRecord | null>(async (ids) =>
      byKey(ids, await policies.findByIds(ids), (p) => p.id),
    ),
    policiesOfOrganization: new DataLoader<string, PolicyRecord[]>(async (ids) =>
      groupByKey(ids, await policies.findByOrganizations(ids), (p) => p.organizationId),
    ),
    /** The current revision's violations of the designs asked for, from the evaluation cache. */
    violationsOfDesign: new DataLoader<DesignRecord, DesignViolations | null, string>(
      async (list) => {
        const evaluated = await evaluator.evaluate(list, async (ids) => {
          const byId = new Map(list.map((design) => [design.id, design.content]));
          return new Map(ids.map((id) => [id, byId.get(id) ?? '']));
        });
        return list.map((design) => evaluated.get(design.id) ?? null);
      },
      { cacheKeyFn: (design) => `${design.id}@${design.revision}` },
    ),
  };
  return {
    ...rows,
    designPage(page: Page): DataLoader<string, DesignRecord[]> {
      const key = pageKey(page);
      let loader = designPageLoaders.get(key);
      if (loader === undefined) {
        loader = new DataLoader<string, DesignRecord[]>(async (ids) =>
          groupByKey(
            ids,
            await designs.findPagesOfWorkspaces(ids, page.first + 1, page.after),
            (d) => d.workspaceId,
          ),
        );
        designPageLoaders.set(key, loader);
      }
      return loader;
    },
    latestRevisions(first: number): DataLoader<string, DesignRevisionRecord[]> {
      let loader = revisionLoaders.get(first);
      if (loader === undefined) {
        loader = new DataLoader<string, DesignRevisionRecord[]>(async (ids) =>
          groupByKey(ids, await designs.findLatestRevisions(ids, first), (r) => r.designId),
        );
        revisionLoaders.set(first, loader);
      }
      return loader;
    },
    /**
     * Forgets every row read so far. A mutation calls it once it has changed data, so that the
     * next mutation field of the same operation decides on fresh rows (a design deleted by the
     * first field is not found by the second), and its own answer shows the change.
     */
    forgetAll(): void {
      for (const loader of Object.values(rows)) loader.clearAll();
      designPageLoaders.clear();
      revisionLoaders.clear();
    },
  };
}

export type WorkspaceLoaders = ReturnType<typeof createLoaders>;
