import { OutboundError, type OutboundClient } from '@controlplane/outbound';
import type { ClaimedDelivery } from './webhook-jobs';
import { signatureHeaders } from './webhook-signature';

/** What one attempt gave: an answer's status, or why none came. */
export type AttemptResult = {
  succeeded: boolean;
  responseStatus: number | null;
  error: string | null;
  attemptedAt: Date;
  durationMs: number;
};

/**
 * The JSON a webhook receives for one audit event: Standard Webhooks' `{ type, timestamp, data }`,
 * with the event as `auditLog` shows it. Audit metadata never holds secrets (the audit rules), so
 * neither does this.
 */
export function payloadOf(event: ClaimedDelivery['event']): string {
  return JSON.stringify({
    type: event.action,
    timestamp: event.occurredAt.toISOString(),
    data: {
      id: event.id,
      organizationId: event.organizationId,
      action: event.action,
      actor: { type: event.actorType, id: event.actorId, displayName: event.actorDisplayName },
      targetType: event.targetType,
      targetId: event.targetId,
      metadata: event.metadata,
      requestId: event.requestId,
      occurredAt: event.occurredAt.toISOString(),
    },
  });
}

/**
 * Sends one delivery through the SSRF-guarded client (addresses checked after DNS resolution, no
 * redirects followed). A 2xx answer is a success; anything else, a refusal or a timeout is a
 * failure with its reason (naming the target by origin only).
 */
export async function sendDelivery(
  client: OutboundClient,
  delivery: ClaimedDelivery,
  options: { key: Buffer; timeoutMs: number },
): Promise<AttemptResult> {
  const attemptedAt = new Date();
  const body = payloadOf(delivery.event);
  const headers = signatureHeaders(options.key, {
    id: delivery.id,
    timestampSeconds: Math.floor(attemptedAt.getTime() / 1000),
    body,
  });
  const elapsed = () => Date.now() - attemptedAt.getTime();
  try {
    const response = await client.fetch(delivery.url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'controlplane-webhooks/1' },
      body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.body?.cancel();
    const succeeded = response.status >= 200 && response.status < 300;
    return {
      succeeded,
      responseStatus: response.status,
      error: succeeded ? null : `HTTP ${response.status}`,
      attemptedAt,
      durationMs: elapsed(),
    };
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    return {
      succeeded: false,
      responseStatus: null,
      error: error.message,
      attemptedAt,
      durationMs: elapsed(),
    };
  }
}
