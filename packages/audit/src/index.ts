export { buildAuditEvent, changedFields, auditEventSchema, auditBatchSchema } from './event';
export type { AuditEventRecord, AuditInput, AuditMetadata } from './event';
export { startOutboxRelay } from './relay';
export { startAuditRelay } from './audit-relay';
export type { OutboxRelay, OutboxStore } from './relay';
export { createOutboxRepository, createOutboxStore } from './outbox';
export type { OutboxDelegate, OutboxRepository } from './outbox';
export {
  integrationEventSchema,
  integrationEventBatchSchema,
  newIntegrationEvent,
  createEventOutboxRepository,
  createEventOutboxStore,
} from './integration-events';
export type { IntegrationEvent, EventOutboxDelegate, EventOutboxRepository } from './integration-events';
export { auditEventsOn, auditedLifecycle, createAudited, organizationEvent } from './audited';
export type { Audited, AuditRecorder, AuditTarget, ResourceWrites } from './audited';
