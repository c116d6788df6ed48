import { pageSize, parseInput } from '@controlplane/graphql-kit';
import { requireMayManageWebhook } from '../policy';
import type { OrganizationRecord } from '../repositories/organization-repository';
import { createWebhookInput } from '../webhooks/webhook-input';
import type {
  MutationResolvers,
  QueryResolvers,
  WebhookDeliveryResolvers,
  WebhookResolvers,
} from './schema-types.generated';

/** Webhooks (issue 17). Who may call each is in permissions.ts and policy.ts; the rules in webhooks/. */
export const webhookQueries = {
  webhooks: (_, args, context) => context.repositories.webhooks.findByOrganization(args.organizationId),
} satisfies QueryResolvers;

export const webhookMutations = {
  createWebhook: (_, args, context) =>
    context.services.webhooks.create(context.viewer, parseInput(createWebhookInput, args.input, 'input')),

  deleteWebhook: async (_, args, context) =>
    context.services.webhooks.delete(context.viewer, await requireMayManageWebhook(context, args.id)),
} satisfies MutationResolvers;

const Webhook = {
  organization: async (webhook, _, context): Promise<OrganizationRecord> => {
    const organization = await context.loaders.organization.load(webhook.organizationId);
    if (organization === null) throw new Error('organization is missing');
    return organization;
  },
  deliveries: (webhook, args, context) =>
    context.repositories.webhooks.findDeliveries(webhook.id, pageSize(args.first, 20)),
} satisfies WebhookResolvers;

const WebhookDelivery = {
  event: (delivery) => delivery.action,
  succeeded: (delivery) => delivery.status === 'SUCCEEDED',
} satisfies WebhookDeliveryResolvers;

export const webhookTypes = { Webhook, WebhookDelivery };
