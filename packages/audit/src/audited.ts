import type { Viewer } from '@controlplane/auth';
import { changedFields, type AuditInput, type AuditMetadata } from './event';

/** Records audit events in the caller's transaction: identity's own trail, or a subgraph's outbox. */
export type AuditRecorder = { record(viewer: Viewer, input: AuditInput): Promise<void> };

/** An object of one organization, as the target of audit events. */
export type AuditTarget = { id: string; organizationId: string };

/** A subgraph's `Transact`: runs `work` in one transaction with repositories bound to it. */
type TransactOver<Repositories> = <T>(work: (repositories: Repositories) => Promise<T>) => Promise<T>;

/**
 * Events about objects of one type: `auditEventsOn('Team')(team, 'team.update', metadata)` is the
 * event in the team's organization that names the team as its target.
 */
export function auditEventsOn(targetType: string) {
  return (target: AuditTarget, action: string, metadata?: AuditMetadata): AuditInput => ({
    organizationId: target.organizationId,
    action,
    targetType,
    targetId: target.id,
    metadata: metadata ?? null,
  });
}

/** An event whose target is the organization itself, in its own trail. */
export function organizationEvent(organizationId: string, action: string, metadata?: AuditMetadata) {
  return auditEventsOn('Organization')({ id: organizationId, organizationId }, action, metadata);
}

/**
 * Audited changes over `transact`: `audited(viewer, change, describe)` runs `change` in one
 * transaction and records the event that `describe` makes of its result in the same transaction,
 * so that a change and its audit record commit together or not at all. `describe` returns null
 * when the change turned out to change nothing (a concurrent request made it first): nothing is
 * recorded then.
 */
export function createAudited<Repositories extends { audit: AuditRecorder }>(
  transact: TransactOver<Repositories>,
) {
  return <T>(
    viewer: Viewer,
    change: (repositories: Repositories) => Promise<T>,
    describe: (result: T) => AuditInput | null,
  ): Promise<T> =>
    transact(async (repositories) => {
      const result = await change(repositories);
      const event = describe(result);
      if (event !== null) await repositories.audit.record(viewer, event);
      return result;
    });
}

export type Audited<Repositories extends { audit: AuditRecorder }> = ReturnType<
  typeof createAudited<Repositories>
>;

/** An object of one organization that has a name: a team, a workspace, an environment. */
type NamedResource = AuditTarget & { name: string };

/** How one kind of named resource is written; see `auditedLifecycle`. */
export type ResourceWrites<Repositories, Resource, CreateInput, UpdateInput> = {
  /** The audit target type (`Team`) and the prefix of the actions (`team.create`). */
  audit: { targetType: string; prefix: string };
  create(repositories: Repositories, input: CreateInput, viewer: Viewer): Promise<Resource>;
  update(repositories: Repositories, resource: Resource, input: UpdateInput): Promise<Resource>;
  delete(repositories: Repositories, resource: Resource): Promise<unknown>;
  /** What the create event says besides the name. */
  createdDetails?: (created: Resource) => AuditMetadata;
};

/**
 * The create, update and delete of one kind of named resource, each in one transaction with its
 * audit event: `<prefix>.create` with the name (and `createdDetails`), `<prefix>.update` with the
 * names of the fields the input sets, `<prefix>.delete` with the name.
 */
export function auditedLifecycle<
  Repositories extends { audit: AuditRecorder },
  Resource extends NamedResource,
  CreateInput,
  UpdateInput extends Record<string, unknown>,
>(
  transact: TransactOver<Repositories>,
  writes: ResourceWrites<Repositories, Resource, CreateInput, UpdateInput>,
) {
  const audited = createAudited(transact);
  const { targetType, prefix } = writes.audit;
  const event = auditEventsOn(targetType);
  return {
    create(viewer: Viewer, input: CreateInput): Promise<Resource> {
      return audited(
        viewer,
        (repositories) => writes.create(repositories, input, viewer),
        (created) =>
          event(created, `${prefix}.create`, { name: created.name, ...writes.createdDetails?.(created) }),
      );
    },
    update(viewer: Viewer, resource: Resource, input: UpdateInput): Promise<Resource> {
      return audited(
        viewer,
        (repositories) => writes.update(repositories, resource, input),
        () => event(resource, `${prefix}.update`, { changed: changedFields(input) }),
      );
    },
    async delete(viewer: Viewer, resource: Resource): Promise<boolean> {
      await audited(
        viewer,
        (repositories) => writes.delete(repositories, resource),
        () => event(resource, `${prefix}.delete`, { name: resource.name }),
      );
      return true;
    },
  };
}
