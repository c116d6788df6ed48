import type { Viewer } from '@controlplane/auth';
import type { CredentialCipher } from '@controlplane/config';
import { badUserInput } from '@controlplane/errors';
import { checkOutboundUrl } from '@controlplane/outbound';
import type { Transact } from '../repositories';
import type { CreateWebhookInput } from './webhook-input';
import { MAX_WEBHOOKS_PER_ORGANIZATION, type WebhookRecord } from './webhook-repository';
import { formatSecret, generateSigningKey } from './webhook-signature';

/**
 * Registering and deleting webhooks (who may: policy.ts). The URL is checked when saved, DNS
 * included, with the rules every delivery is checked with again when it connects (no loopback,
 * private, link-local or metadata address unless DEPLOY_ALLOWED_HOSTS lists it; https only). The
 * signing key is stored encrypted and returned once, as the `whsec_` secret.
 */
export function createWebhookService(deps: {
  transact: Transact;
  cipher: CredentialCipher;
  allowedHosts: readonly string[];
}) {
  const { transact, cipher } = deps;
  return {
    async create(
      viewer: Viewer,
      input: CreateWebhookInput,
    ): Promise<{ webhook: WebhookRecord; secret: string }> {
      const check = await checkOutboundUrl(input.url, { allowedHosts: deps.allowedHosts });
      if (!check.ok) throw badUserInput('input.url', check.reason);
      const key = generateSigningKey();
      const webhook = await transact(async (repos) => {
        if ((await repos.webhooks.countInOrganization(input.organizationId)) >= MAX_WEBHOOKS_PER_ORGANIZATION)
          throw badUserInput(
            'input.organizationId',
            `an organization has at most ${MAX_WEBHOOKS_PER_ORGANIZATION} webhooks; delete one first`,
          );
        const created = await repos.webhooks.create({
          organizationId: input.organizationId,
          url: check.url.href,
          events: input.events,
          secretCiphertext: cipher.encrypt(key.toString('base64'), input.organizationId),
        });
        // After the webhook exists: it receives its own webhook.create when its filter matches.
        await repos.audit.record(viewer, {
          organizationId: input.organizationId,
          action: 'webhook.create',
          targetType: 'Webhook',
          targetId: created.id,
          // The origin only: a path or query could carry a token of the receiver's.
          metadata: { origin: check.url.origin, events: created.events },
        });
        return created;
      });
      return { webhook, secret: formatSecret(key) };
    },

    /** Deletes the webhook with its pending and past deliveries. */
    async delete(viewer: Viewer, webhook: WebhookRecord): Promise<boolean> {
      await transact(async (repos) => {
        await repos.webhooks.delete(webhook.id);
        await repos.audit.record(viewer, {
          organizationId: webhook.organizationId,
          action: 'webhook.delete',
          targetType: 'Webhook',
          targetId: webhook.id,
          metadata: { origin: new URL(webhook.url).origin },
        });
      });
      return true;
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
