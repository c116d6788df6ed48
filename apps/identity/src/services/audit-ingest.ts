import type { AuditEventRecord } from '@controlplane/audit';
import type { ServiceName } from '@controlplane/auth';
import { AUDIT_ACTION_PREFIXES } from '@controlplane/internal-api';
import type { Logger } from 'pino';
import type { IdentityRepositories } from '../repositories';

/**
 * How far in the past a relayed event's own time is believed: about the longest a relay waits
 * (retries while identity is unreachable). An older or future time is replaced by the receiver's.
 */
export const MAX_RELAY_DELAY_MS = 15 * 60_000;
/** A sender's clock may run this much ahead of identity's. */
const CLOCK_SKEW_MS = 5_000;

export type AuditIngest = {
  /** Stores what `sender` may report; answers how many were stored and how many refused. */
  ingest(sender: ServiceName, events: AuditEventRecord[]): Promise<{ stored: number; refused: number }>;
};

/**
 * The audit trail's intake from the other services (issue 16). Identity cannot see their targets
 * (designs, catalog items live in their databases), so the sending service vouches for the
 * target and actor, as it wrote the event in the transaction of the change it audits. What
 * identity checks, per event: the action is in the sender's own domain (AUDIT_ACTION_PREFIXES),
 * the organization exists (deleted ones included: their relayed events may arrive after the
 * deletion), and the time is identity's unless the sender's lies within the relay delay.
 */
export function createAuditIngest(deps: { repositories: IdentityRepositories; logger: Logger }): AuditIngest {
  return {
    async ingest(sender, events) {
      const prefixes: readonly string[] =
        (AUDIT_ACTION_PREFIXES as Partial<Record<ServiceName, readonly string[]>>)[sender] ?? [];
      const organizationIds = [...new Set(events.map((event) => event.organizationId))];
      const known = new Set(
        (await deps.repositories.organizations.findProfilesByIds(organizationIds)).map((org) => org.id),
      );
      const now = Date.now();
      const accepted: AuditEventRecord[] = [];
      const refused: { id: string; reason: string }[] = [];
      for (const event of events) {
        if (!prefixes.some((prefix) => event.action.startsWith(prefix))) {
          refused.push({ id: event.id, reason: `${sender} may not report ${event.action}` });
        } else if (!known.has(event.organizationId)) {
          refused.push({ id: event.id, reason: 'unknown organization' });
        } else {
          accepted.push({ ...event, occurredAt: receivedTimeOf(event.occurredAt, now) });
        }
      }
      if (refused.length > 0) deps.logger.warn({ sender, refused }, 'refused relayed audit events');
      const stored = accepted.length === 0 ? 0 : await deps.repositories.audit.storeRelayed(accepted);
      return { stored, refused: refused.length };
    },
  };
}

/** The sender's time when it lies within the relay delay before now, else now. */
function receivedTimeOf(sentAt: string, now: number): string {
  const at = Date.parse(sentAt);
  return at >= now - MAX_RELAY_DELAY_MS && at <= now + CLOCK_SKEW_MS ? sentAt : new Date(now).toISOString();
}
