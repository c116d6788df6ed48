import type { IdentityDb } from '../repositories/prisma';

/** A webhook as the API shows it: never its secret. */
export type WebhookRecord = {
  id: string;
  organizationId: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: Date;
};

export type WebhookDeliveryRecord = {
  id: string;
  action: string;
  responseStatus: number | null;
  attempts: number;
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  lastAttemptAt: Date | null;
};

const webhookColumns = {
  id: true,
  organizationId: true,
  url: true,
  events: true,
  active: true,
  createdAt: true,
} as const;

/** Webhooks of one organization at most: bounds every list of them (and their deliveries' reads). */
export const MAX_WEBHOOKS_PER_ORGANIZATION = 50;

/** Webhooks and the deliveries they show. Deliveries are written by the trigger and webhook-jobs.ts. */
export function createWebhookRepository(db: IdentityDb) {
  return {
    create(data: {
      organizationId: string;
      url: string;
      events: string[];
      secretCiphertext: string;
    }): Promise<WebhookRecord> {
      return db.webhook.create({ data, select: webhookColumns });
    },

    countInOrganization(organizationId: string): Promise<number> {
      return db.webhook.count({ where: { organizationId } });
    },

    findByIds(ids: readonly string[]): Promise<WebhookRecord[]> {
      return db.webhook.findMany({ where: { id: { in: [...ids] } }, select: webhookColumns });
    },

    findByOrganization(organizationId: string): Promise<WebhookRecord[]> {
      return db.webhook.findMany({
        where: { organizationId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: webhookColumns,
      });
    },

    /** Deletes a webhook with its deliveries and their attempts; false when it was already gone. */
    async delete(id: string): Promise<boolean> {
      const { count } = await db.webhook.deleteMany({ where: { id } });
      return count === 1;
    },

    /** The newest `take` deliveries of a webhook. */
    findDeliveries(webhookId: string, take: number): Promise<WebhookDeliveryRecord[]> {
      return db.webhookDelivery.findMany({
        where: { webhookId },
        orderBy: { seq: 'desc' },
        take,
        select: {
          id: true,
          action: true,
          responseStatus: true,
          attempts: true,
          status: true,
          lastAttemptAt: true,
        },
      });
    },
  };
}

export type WebhookRepository = ReturnType<typeof createWebhookRepository>;
