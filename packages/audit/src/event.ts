import { randomUUID } from 'node:crypto';
import type { Viewer } from '@controlplane/auth';
import { z } from 'zod';

const uuid = z.string().regex(/^[0-9a-f-]{36}$/i);

/** Free-form details of an event: names of changed fields, roles, versions. Never secrets. */
const auditMetadataSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]),
);
export type AuditMetadata = z.infer<typeof auditMetadataSchema>;

/** One change, as every subgraph records it and identity stores it (and accepts from their relays). */
export const auditEventSchema = z.object({
  id: uuid,
  organizationId: uuid,
  actorType: z.enum(['USER', 'API_KEY', 'SYSTEM']),
  actorId: z.string().max(100).nullable(),
  actorDisplayName: z.string().max(200).nullable(),
  action: z
    .string()
    .regex(/^[a-z]+(\.[a-z]+)+$/)
    .max(100),
  targetType: z.string().min(1).max(100),
  targetId: z.string().max(100).nullable(),
  metadata: auditMetadataSchema.nullable(),
  requestId: z.string().max(100).nullable(),
  occurredAt: z.iso.datetime(),
});
export type AuditEventRecord = z.infer<typeof auditEventSchema>;

export const auditBatchSchema = z.object({ events: z.array(auditEventSchema).min(1).max(500) });

export type AuditInput = {
  organizationId: string;
  action: string;
  targetType: string;
  targetId?: string | null;
  metadata?: AuditMetadata | null;
};

/** An event by the caller of this request, with the gateway's request id and a fresh id (its idempotency key). */
export function buildAuditEvent(viewer: Viewer, input: AuditInput): AuditEventRecord {
  const actor = viewer.actor;
  return {
    id: randomUUID(),
    organizationId: input.organizationId,
    actorType: actor.type,
    actorId: actor.id,
    actorDisplayName: actor.displayName,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    metadata: input.metadata ?? null,
    requestId: viewer.requestId === 'none' ? null : viewer.requestId,
    occurredAt: new Date().toISOString(),
  };
}

/** The names of the fields an update actually sets (for `metadata.changed`). */
export function changedFields(input: Record<string, unknown>): string[] {
  return Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key)
    .sort();
}
