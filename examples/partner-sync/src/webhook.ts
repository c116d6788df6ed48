import type { ControlPlaneClient, TypedDocumentNode } from '@controlplane/client';
import { parse } from 'graphql';

/**
 * The webhook step, kept apart because `createWebhook` is in the contract (contract/api.graphql)
 * but not yet in the committed supergraph that @controlplane/client is generated from
 * (tests/contract-pending.txt lists it). Its document and types are written by hand against the
 * contract; tests/partner-sync.test.ts validates the document against the contract. Once the
 * supergraph serves webhooks, this belongs in the client's generated operations.
 */
export const WEBHOOK_CONTRACT_ITEM = 'Mutation.createWebhook';

export type CreateWebhookVariables = {
  input: { organizationId: string; url: string; events?: string[] | null };
};

export type CreateWebhookResult = {
  createWebhook: {
    /** The signing secret (`whsec_…`), shown once. */
    secret: string;
    webhook: { id: string; url: string; events: string[]; active: boolean; createdAt: string };
  };
};

export const CreateWebhookDocument: TypedDocumentNode<CreateWebhookResult, CreateWebhookVariables> = parse(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        id
        url
        events
        active
        createdAt
      }
    }
  }
`);

/** The audit actions a partner that follows designs and clones wants delivered. */
export const PARTNER_EVENTS = ['design.*', 'catalog.item.clone'];

/** Subscribes `url` to the organization's design and clone events (OWNER or ADMIN key). */
export async function subscribeWebhook(
  client: Pick<ControlPlaneClient, 'request'>,
  options: { organizationId: string; url: string; events?: string[] },
): Promise<CreateWebhookResult['createWebhook']> {
  const { organizationId, url, events = PARTNER_EVENTS } = options;
  const data = await client.request(CreateWebhookDocument, { input: { organizationId, url, events } });
  return data.createWebhook;
}
