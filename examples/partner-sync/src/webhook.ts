import type { ControlPlaneClient } from '@controlplane/client';

/** The audit actions a partner that follows designs and clones wants delivered. */
export const PARTNER_EVENTS = ['design.*', 'catalog.item.clone'];

/** Subscribes `url` to the organization's design and clone events (OWNER or ADMIN key). */
export function subscribeWebhook(
  client: Pick<ControlPlaneClient, 'createWebhook'>,
  options: { organizationId: string; url: string; events?: string[] },
) {
  const { organizationId, url, events = PARTNER_EVENTS } = options;
  return client.createWebhook({ organizationId, url, events });
}
