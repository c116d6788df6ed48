import { useStack, type TestOrganization, type TestUser } from '@controlplane/testkit';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { eventually } from './support/processes';
import { createWebhook, deliveriesOf, listWebhooks, startReceiver, type Receiver } from './support/webhooks';

/**
 * Webhooks (issue 17) against receivers on loopback, which this stack's identity may reach
 * (DEPLOY_ALLOWED_HOSTS=127.0.0.1). Retries back off from 20 ms, so nothing sleeps: each step
 * waits for a condition. The database is this file's own: the worker delivers what it finds.
 */
const { stack, make, db } = useStack({
  isolatedDatabase: true,
  serviceEnv: {
    identity: {
      DEPLOY_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_POLL_INTERVAL_MS: '50',
      WEBHOOK_RETRY_BASE_MS: '20',
      WEBHOOK_RETRY_CAP_MS: '400',
      WEBHOOK_RETRY_BUDGET_MS: '3000',
      WEBHOOK_DISABLE_AFTER_FAILURES: '2',
    },
  },
});

let receiver: Receiver;
/** Per path: how many times the receiver fails each event before it answers 200. */
const failuresBeforeSuccess = new Map<string, number>();
beforeAll(async () => {
  receiver = await startReceiver((request, before) => {
    if (request.path.startsWith('/down')) return 500;
    if (request.path.startsWith('/moved')) return { redirect: redirectTarget.url('/landed') };
    return before < (failuresBeforeSuccess.get(request.path) ?? 0) ? 500 : 204;
  });
  redirectTarget = await startReceiver();
});
let redirectTarget: Receiver;
afterAll(async () => {
  await receiver.close();
  await redirectTarget.close();
});

async function setup(): Promise<{ owner: TestUser; organization: TestOrganization }> {
  const owner = await make.user();
  return { owner, organization: await make.organization(owner) };
}

/** The deliveries, once the first `count` succeeded (undefined before). */
function succeeded<T extends { succeeded: boolean }>(deliveries: T[], count: number): T[] | undefined {
  return deliveries.length >= count && deliveries.slice(0, count).every((delivery) => delivery.succeeded)
    ? deliveries
    : undefined;
}

describe('a webhook', () => {
  it('receives each event signed as Standard Webhooks, verified by an independent implementation', async () => {
    const { owner, organization } = await setup();
    const { webhook, secret } = await createWebhook(stack.as(owner), {
      organizationId: organization.id,
      url: receiver.url('/signed'),
      events: ['team.create'],
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhook).toMatchObject({ url: receiver.url('/signed'), events: ['team.create'], active: true });
    const team = await make.team(owner, organization);

    const [delivery] = await eventually('the delivery', async () =>
      succeeded(await deliveriesOf(stack.as(owner), organization.id, webhook.id), 1),
    );
    const request = receiver.received.find((entry) => entry.path === '/signed');
    if (request === undefined) throw new Error('nothing received');
    const verified = new StandardWebhook(secret).verify(request.body, {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    }) as { type: string; data: Record<string, unknown> };
    expect(verified).toMatchObject({
      type: 'team.create',
      data: {
        organizationId: organization.id,
        action: 'team.create',
        targetType: 'Team',
        targetId: team.id,
        actor: { type: 'USER', id: owner.id },
      },
    });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.id).toBe(delivery?.id);
    expect(delivery).toMatchObject({
      event: 'team.create',
      attempts: 1,
      responseStatus: 204,
      succeeded: true,
    });
    // Another key fails the check: the signature is what proves the sender.
    expect(() =>
      new StandardWebhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(request.body, {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      }),
    ).toThrow();
  });

  it('shows its secret once: never in a list, the audit trail or the database in clear', async () => {
    const { owner, organization } = await setup();
    const { webhook, secret } = await createWebhook(stack.as(owner), {
      organizationId: organization.id,
      url: receiver.url('/once'),
      events: ['nothing.ever'],
    });
    expect(
      await stack.as(owner).codes(`query ($o: ID!) { webhooks(organizationId: $o) { id secret } }`, {
        o: organization.id,
      }),
    ).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const { auditLog } = await stack
      .as(owner)
      .data(
        `query ($o: [ID!]!) { auditLog(organizationIds: $o, filter: { actions: ["webhook.create"] }) { nodes { targetId metadata } } }`,
        { o: [organization.id] },
      );
    expect(auditLog.nodes).toEqual([
      {
        targetId: webhook.id,
        metadata: { origin: new URL(receiver.url('/')).origin, events: ['nothing.ever'] },
      },
    ]);
    const key = secret.slice('whsec_'.length);
    const { rows } = await db.query<{ row: string }>(
      `SELECT w::text AS row FROM identity."Webhook" w WHERE id = $1`,
      [webhook.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.row).not.toContain(key);
    expect(rows[0]?.row).not.toContain(Buffer.from(key, 'base64').toString('hex'));
  });

  it('gets an event a failing receiver refused twice once more, then never again', async () => {
    const { owner, organization } = await setup();
    failuresBeforeSuccess.set('/flaky', 2);
    const { webhook } = await createWebhook(stack.as(owner), {
      organizationId: organization.id,
      url: receiver.url('/flaky'),
      events: ['team.*'],
    });
    await make.team(owner, organization);
    const [first] = await eventually('the retried delivery', async () =>
      succeeded(await deliveriesOf(stack.as(owner), organization.id, webhook.id), 1),
    );
    expect(first).toMatchObject({ event: 'team.create', attempts: 3, responseStatus: 204, succeeded: true });

    // A later event of the same webhook is delivered after it: by then any stray repeat would have come.
    failuresBeforeSuccess.set('/flaky', 0);
    await make.team(owner, organization);
    await eventually('the next delivery', async () =>
      succeeded(await deliveriesOf(stack.as(owner), organization.id, webhook.id), 2),
    );
    const flaky = receiver.received.filter((entry) => entry.path === '/flaky');
    expect(flaky.filter((entry) => entry.id === first?.id)).toHaveLength(3);
    expect(flaky).toHaveLength(4);
    const { rows } = await db.query<{ responseStatus: number | null }>(
      `SELECT "responseStatus" FROM identity."WebhookAttempt" WHERE "deliveryId" = $1 ORDER BY "attemptedAt"`,
      [first?.id],
    );
    expect(rows.map((row) => row.responseStatus)).toEqual([500, 500, 204]);
  });

  it("delivers a webhook's events in order: a later one waits until the earlier one succeeded", async () => {
    const { owner, organization } = await setup();
    failuresBeforeSuccess.set('/ordered', 2);
    const { webhook } = await createWebhook(stack.as(owner), {
      organizationId: organization.id,
      url: receiver.url('/ordered'),
      events: ['team.create'],
    });
    for (let i = 0; i < 3; i += 1) await make.team(owner, organization);
    const deliveries = await eventually('three deliveries', async () =>
      succeeded(await deliveriesOf(stack.as(owner), organization.id, webhook.id), 3),
    );
    const ids = deliveries.map((delivery) => delivery.id);
    const arrivals = receiver.received.filter((entry) => entry.path === '/ordered').map((entry) => entry.id);
    // Each event is refused twice, then taken; nothing of the next one arrives before.
    expect(arrivals).toEqual(ids.flatMap((id) => [id, id, id]));
  });

  it('delivers only the actions its filter names: exact ones, prefixes, or all', async () => {
    const { owner, organization } = await setup();
    const client = stack.as(owner);
    const exact = await createWebhook(client, {
      organizationId: organization.id,
      url: receiver.url('/exact'),
      events: ['team.update'],
    });
    const prefix = await createWebhook(client, {
      organizationId: organization.id,
      url: receiver.url('/prefix'),
      events: ['team.*'],
    });
    const all = await createWebhook(client, { organizationId: organization.id, url: receiver.url('/all') });
    const team = await make.team(owner, organization);
    await client.data(`mutation ($id: ID!) { updateTeam(id: $id, input: { name: "Renamed" }) { id } }`, {
      id: team.id,
    });
    await make.apiKey(owner, organization, 'MEMBER');
    const actions = async (webhookId: string) =>
      (await deliveriesOf(client, organization.id, webhookId)).map((delivery) => delivery.event);
    // Deliveries are enqueued in the transaction of each event: what is listed now is final.
    expect(await actions(exact.webhook.id)).toEqual(['team.update']);
    expect(await actions(prefix.webhook.id)).toEqual(['team.create', 'team.update']);
    expect(await actions(all.webhook.id)).toEqual([
      'webhook.create',
      'team.create',
      'team.update',
      'apikey.create',
    ]);
    expect(
      await client.codes(
        `mutation ($o: ID!) { createWebhook(input: { organizationId: $o, url: "https://93.184.216.34/x", events: ["team*"] }) { secret } }`,
        { o: organization.id },
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('is disabled after deliveries failed for good twice in a row, with a webhook.disable event', async () => {
    const { owner, organization } = await setup();
    const { webhook } = await createWebhook(stack.as(owner), {
      organizationId: organization.id,
      url: receiver.url('/down'),
      events: ['team.create'],
    });
    await make.team(owner, organization);
    await make.team(owner, organization);
    const [disabled] = await eventually(
      'the webhook to be disabled',
      async () => {
        const hooks = await listWebhooks(stack.as(owner), organization.id);
        return hooks.every((hook) => !hook.active) ? hooks : undefined;
      },
      60_000,
    );
    expect(disabled?.deliveries.map((delivery) => delivery.succeeded)).toEqual([false, false]);
    expect(disabled?.deliveries.every((delivery) => delivery.attempts > 1)).toBe(true);
    const { auditLog } = await stack
      .as(owner)
      .data(
        `query ($o: [ID!]!) { auditLog(organizationIds: $o, filter: { actions: ["webhook.disable"] }) { nodes { targetId actor { type } metadata } } }`,
        { o: [organization.id] },
      );
    expect(auditLog.nodes).toEqual([
      { targetId: webhook.id, actor: { type: 'SYSTEM' }, metadata: { consecutiveFailures: 2 } },
    ]);
    // A disabled webhook gets no new deliveries.
    await make.team(owner, organization);
    expect(await deliveriesOf(stack.as(owner), organization.id, webhook.id)).toHaveLength(2);
  }, 90_000);

  it('never follows a redirect, not even to an address it may reach', async () => {
    const { owner, organization } = await setup();
    const { webhook } = await createWebhook(stack.as(owner), {
      organizationId: organization.id,
      url: receiver.url('/moved'),
      events: ['team.create'],
    });
    await make.team(owner, organization);
    await eventually('a refused attempt', async () => {
      const { rows } = await db.query<{ error: string }>(
        `SELECT a.error FROM identity."WebhookAttempt" a JOIN identity."WebhookDelivery" d ON d.id = a."deliveryId" WHERE d."webhookId" = $1`,
        [webhook.id],
      );
      return rows.length > 0 ? rows : undefined;
    }).then((rows) => expect(rows[0]?.error).toMatch(/redirect/));
    expect(redirectTarget.received).toHaveLength(0);
  });
});

describe('webhooks of two tenants', () => {
  it("never give one organization's events to another's webhook, nor its webhooks to another", async () => {
    const a = await setup();
    const b = await setup();
    const hookA = await createWebhook(stack.as(a.owner), {
      organizationId: a.organization.id,
      url: receiver.url('/tenant-a'),
    });
    const hookB = await createWebhook(stack.as(b.owner), {
      organizationId: b.organization.id,
      url: receiver.url('/tenant-b'),
    });
    await make.team(a.owner, a.organization);
    expect(
      (await deliveriesOf(stack.as(b.owner), b.organization.id, hookB.webhook.id)).map((d) => d.event),
    ).toEqual(['webhook.create']);
    await eventually('A to receive its team.create', () =>
      receiver.received.some(
        (entry) => entry.path === '/tenant-a' && JSON.parse(entry.body).type === 'team.create',
      )
        ? true
        : undefined,
    );
    for (const entry of receiver.received.filter((candidate) => candidate.path === '/tenant-b'))
      expect(JSON.parse(entry.body).data.organizationId).toBe(b.organization.id);

    const asB = stack.as(b.owner);
    expect(
      await asB.codes(`query ($o: ID!) { webhooks(organizationId: $o) { id } }`, { o: a.organization.id }),
    ).toEqual(['NOT_FOUND']);
    expect(
      await asB.codes(`mutation ($id: ID!) { deleteWebhook(id: $id) }`, { id: hookA.webhook.id }),
    ).toEqual(['NOT_FOUND']);
    const auditor = await make.member(a.owner, a.organization, 'AUDITOR');
    expect(
      await stack
        .as(auditor)
        .codes(`mutation ($id: ID!) { deleteWebhook(id: $id) }`, { id: hookA.webhook.id }),
    ).toEqual(['FORBIDDEN']);
    expect(
      await stack
        .as(a.owner)
        .data(`mutation ($id: ID!) { deleteWebhook(id: $id) }`, { id: hookA.webhook.id }),
    ).toEqual({
      deleteWebhook: true,
    });
    expect(await listWebhooks(stack.as(a.owner), a.organization.id)).toEqual([]);
  });
});
