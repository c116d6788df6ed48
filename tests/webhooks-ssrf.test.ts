import { useStack } from '@controlplane/testkit';
import { eventually } from './support/processes';
import { createWebhook, startReceiver } from './support/webhooks';

/**
 * Webhooks reach no loopback, private, link-local or metadata address (the deployments' rules,
 * packages/outbound), this stack allowing no host at all: createWebhook refuses what it can tell
 * when the URL is saved (IP literals, plain http, names resolving to such addresses), and every
 * delivery is checked again when it connects, after DNS resolution. Redirects are never followed
 * (tests/webhooks.test.ts, where the redirect target is one the worker could reach).
 */
const { stack, make, db } = useStack({
  isolatedDatabase: true,
  serviceEnv: { identity: { WEBHOOK_POLL_INTERVAL_MS: '50', WEBHOOK_RETRY_BASE_MS: '60000' } },
});

const REFUSED_AT_CREATION = [
  ['plain http to loopback', 'http://127.0.0.1:9/hook'],
  ['https to loopback', 'https://127.0.0.1/hook'],
  ['IPv6 loopback', 'https://[::1]/hook'],
  ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/hook'],
  ['the cloud metadata address', 'https://169.254.169.254/latest/meta-data/'],
  ['a private address', 'https://10.0.0.8/hook'],
  ['a name resolving to loopback', 'https://localhost/hook'],
  ['plain http to a public address', 'http://93.184.216.34/hook'],
  ['a URL with credentials', 'https://user:pass@93.184.216.34/hook'],
] as const;

describe('createWebhook', () => {
  it.each(REFUSED_AT_CREATION)('refuses %s as BAD_USER_INPUT, recording nothing', async (_case, url) => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const response = await stack
      .as(owner)
      .send(`mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }`, {
        input: { organizationId: organization.id, url },
      });
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.extensions?.field).toBe('input.url');
    const { rows } = await db.query(`SELECT 1 FROM identity."Webhook" WHERE "organizationId" = $1`, [
      organization.id,
    ]);
    expect(rows).toHaveLength(0);
  });
});

describe('a delivery', () => {
  it('is refused when it connects to a name that now resolves to loopback (checked after DNS)', async () => {
    const receiver = await startReceiver();
    try {
      const owner = await make.user();
      const organization = await make.organization(owner);
      const { webhook } = await createWebhook(stack.as(owner), {
        organizationId: organization.id,
        url: 'https://93.184.216.34/hook',
        events: ['team.create'],
      });
      // As if the name had been re-pointed after the webhook was saved (DNS rebinding).
      await db.query(`UPDATE identity."Webhook" SET url = $1 WHERE id = $2`, [
        `https://localhost:${receiver.port}/hook`,
        webhook.id,
      ]);
      await make.team(owner, organization);
      const attempts = await eventually('the refused attempt', async () => {
        const { rows } = await db.query<{ error: string; responseStatus: number | null }>(
          `SELECT a.error, a."responseStatus" FROM identity."WebhookAttempt" a
             JOIN identity."WebhookDelivery" d ON d.id = a."deliveryId" WHERE d."webhookId" = $1`,
          [webhook.id],
        );
        return rows.length > 0 ? rows : undefined;
      });
      expect(attempts[0]).toEqual({
        responseStatus: null,
        error: expect.stringMatching(/localhost \(resolves to (127\.0\.0\.1|::1)\) is a loopback address/),
      });
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });
});
