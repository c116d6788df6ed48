import type { WorkspaceDb } from '../repositories/prisma';

export type DeploymentStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
export type DeploymentAction = 'APPLY' | 'DELETE';

export type DeploymentRecord = {
  id: string;
  organizationId: string;
  workspaceId: string;
  designId: string;
  designRevision: number;
  environmentId: string;
  action: DeploymentAction;
  dryRun: boolean;
  status: DeploymentStatus;
  createdById: string | null;
  requestId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  attempts: number;
};

export type DeploymentTargetRecord = {
  deploymentId: string;
  connectionId: string;
  status: DeploymentStatus;
  message: string | null;
  resources: string[];
  commit: string | null;
};

const deploymentColumns = {
  id: true,
  organizationId: true,
  workspaceId: true,
  designId: true,
  designRevision: true,
  environmentId: true,
  action: true,
  dryRun: true,
  status: true,
  createdById: true,
  requestId: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  attempts: true,
} as const;

const targetColumns = {
  deploymentId: true,
  connectionId: true,
  status: true,
  message: true,
  resources: true,
  commit: true,
} as const;

/**
 * Which deployments of a list the caller may see: all of the organization's, or those of some
 * workspaces plus those of deleted designs (readable by every member).
 */
export type DeploymentScope = { organizationId: string; workspaceIds: readonly string[] | 'all' };

type Page = { take: number; after?: { at: Date; id: string } | undefined };

function pageWhere(after: Page['after']) {
  return after === undefined
    ? {}
    : { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] };
}

function scopeWhere(scope: DeploymentScope) {
  if (scope.workspaceIds === 'all') return { organizationId: scope.organizationId };
  return {
    organizationId: scope.organizationId,
    OR: [{ workspaceId: { in: [...scope.workspaceIds] } }, { design: { deletedAt: { not: null } } }],
  };
}

/** What a deployment request records: the deployment's own fields and the connections it targets. */
export type NewDeployment = Omit<
  DeploymentRecord,
  'id' | 'status' | 'createdAt' | 'startedAt' | 'finishedAt' | 'attempts'
> & { connectionIds: readonly string[] };

export function createDeploymentRepository(db: WorkspaceDb) {
  return {
    /** A PENDING deployment with one PENDING target per connection. */
    create(data: NewDeployment): Promise<DeploymentRecord> {
      const { connectionIds, ...fields } = data;
      return db.deployment.create({
        data: { ...fields, targets: { create: connectionIds.map((connectionId) => ({ connectionId })) } },
        select: deploymentColumns,
      });
    },

    findByIds(ids: readonly string[]): Promise<DeploymentRecord[]> {
      return db.deployment.findMany({ where: { id: { in: [...ids] } }, select: deploymentColumns });
    },

    findTargetsOf(deploymentIds: readonly string[]): Promise<DeploymentTargetRecord[]> {
      return db.deploymentTarget.findMany({
        where: { deploymentId: { in: [...deploymentIds] } },
        select: targetColumns,
        orderBy: [{ deploymentId: 'asc' }, { connectionId: 'asc' }],
      });
    },

    /** Newest first, keyset-paginated on (createdAt, id); `take` includes a look-ahead row. */
    findPageOfDesign(designId: string, page: Page): Promise<DeploymentRecord[]> {
      return db.deployment.findMany({
        where: { designId, ...pageWhere(page.after) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: page.take,
        select: deploymentColumns,
      });
    },

    countOfDesign(designId: string): Promise<number> {
      return db.deployment.count({ where: { designId } });
    },

    /** An environment's deployments within `scope` (the designs the caller may see), newest first. */
    findPageOfEnvironment(
      environmentId: string,
      scope: DeploymentScope,
      page: Page,
    ): Promise<DeploymentRecord[]> {
      return db.deployment.findMany({
        where: { AND: [{ environmentId }, scopeWhere(scope), pageWhere(page.after)] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: page.take,
        select: deploymentColumns,
      });
    },

    countOfEnvironment(environmentId: string, scope: DeploymentScope): Promise<number> {
      return db.deployment.count({ where: { AND: [{ environmentId }, scopeWhere(scope)] } });
    },

    /**
     * Ends a run this worker holds with its overall status; false when the worker lost the job
     * (its lease expired and another worker took it), so the caller's transaction must not commit.
     */
    async finishRun(id: string, workerId: string, status: 'SUCCEEDED' | 'FAILED'): Promise<boolean> {
      const { count } = await db.deployment.updateMany({
        where: { id, leasedBy: workerId, status: 'RUNNING' },
        data: { status, finishedAt: new Date(), leasedBy: null, leaseExpiresAt: null },
      });
      return count === 1;
    },

    /** What a run needs besides the deployment: the revision's text, and names for Git paths and messages. */
    async findRunInputs(deployment: DeploymentRecord) {
      const [revision, design, environment] = await Promise.all([
        db.designRevision.findUnique({
          where: {
            designId_revision: { designId: deployment.designId, revision: deployment.designRevision },
          },
          select: { content: true },
        }),
        db.design.findUnique({ where: { id: deployment.designId }, select: { name: true } }),
        db.environment.findUnique({ where: { id: deployment.environmentId }, select: { name: true } }),
      ]);
      return {
        content: revision?.content ?? null,
        designName: design?.name ?? null,
        environmentName: environment?.name ?? null,
      };
    },

    /** The deployment's connections, never another organization's, with their sealed credentials. */
    findTargetConnections(organizationId: string, connectionIds: readonly string[]) {
      return db.connection.findMany({
        where: { id: { in: [...connectionIds] }, organizationId },
        select: {
          id: true,
          organizationId: true,
          kind: true,
          url: true,
          encryptedCredentials: true,
          settings: true,
        },
      });
    },

    /** The connections of an environment that take designs (KUBERNETES, GIT), of its own organization. */
    async findDeployableConnectionIds(environmentId: string, organizationId: string): Promise<string[]> {
      const links = await db.environmentConnection.findMany({
        where: { environmentId, connection: { organizationId, kind: { in: ['KUBERNETES', 'GIT'] } } },
        select: { connectionId: true },
        orderBy: { connectionId: 'asc' },
      });
      return links.map((link) => link.connectionId);
    },

    findRevisionContent(designId: string, revision: number): Promise<{ content: string } | null> {
      return db.designRevision.findUnique({
        where: { designId_revision: { designId, revision } },
        select: { content: true },
      });
    },

    /** The newest APPLY of a design to an environment that succeeded and changed something. */
    findLastApplied(designId: string, environmentId: string): Promise<DeploymentRecord | null> {
      return db.deployment.findFirst({
        where: { designId, environmentId, action: 'APPLY', dryRun: false, status: 'SUCCEEDED' },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: deploymentColumns,
      });
    },
  };
}

export type DeploymentRepository = ReturnType<typeof createDeploymentRepository>;
