import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { keyIdOf } from '@controlplane/config';
import { useStack } from '@controlplane/testkit';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { eventually, serviceEntry, spawnService, stopProcess } from './support/processes';
import { createWebhook, deliveriesOf, startReceiver, type Receiver } from './support/webhooks';

/**
 * A CREDENTIALS_KEY rotation in identity: a webhook secret sealed with the old key is still used to
 * sign by a process that has it as CREDENTIALS_KEY_PREVIOUS, which seals it again with the new key;
 * from then on the old key can go. The stack here only serves the API (sealing with the old key);
 * the deliveries come from real identity processes on this file's own database.
 */
const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);
const { stack, make, db } = useStack({
  isolatedDatabase: true,
  env: { CREDENTIALS_KEY: OLD_KEY.toString('base64') },
  serviceEnv: { identity: { WEBHOOK_WORKER_CONCURRENCY: '0', DEPLOY_ALLOWED_HOSTS: '127.0.0.1' } },
});

const DEADLINE_MS = 60_000;
const workers: ChildProcess[] = [];
let receiver: Receiver;
beforeAll(async () => {
  serviceEntry('identity');
  receiver = await startReceiver();
});
afterAll(async () => {
  for (const worker of workers) await stopProcess(worker, 'SIGTERM');
  await receiver.close();
});

function startWorker(keys: { CREDENTIALS_KEY: string; CREDENTIALS_KEY_PREVIOUS?: string }): ChildProcess {
  const worker = spawnService('identity', stack, {
    JWT_SECRET: stack.jwtSecret,
    ...keys,
    CATALOG_URL: stack.subgraphUrls.catalog,
    DEPLOY_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_POLL_INTERVAL_MS: '100',
  });
  workers.push(worker);
  return worker;
}

async function storedSecret(webhookId: string): Promise<string> {
  const { rows } = await db.query<{ secretCiphertext: string }>(
    'SELECT "secretCiphertext" FROM identity."Webhook" WHERE id = $1',
    [webhookId],
  );
  return rows[0]?.secretCiphertext ?? '';
}

it(
  'signs with a secret sealed under the previous key, seals it again under the new one, then needs only the new one',
  async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const { webhook, secret } = await createWebhook(stack.as(owner), {
      organizationId: organization.id,
      url: receiver.url('/rotation'),
      events: ['team.create'],
    });
    expect(await storedSecret(webhook.id)).toMatch(new RegExp(`^v2:${keyIdOf(OLD_KEY)}:`));
    const delivered = (count: number) =>
      eventually(
        `${count} successful deliveries`,
        async () => {
          const deliveries = await deliveriesOf(stack.as(owner), organization.id, webhook.id);
          return deliveries.filter((delivery) => delivery.succeeded).length >= count ? deliveries : undefined;
        },
        DEADLINE_MS,
      );

    await make.team(owner, organization);
    const during = startWorker({
      CREDENTIALS_KEY: NEW_KEY.toString('base64'),
      CREDENTIALS_KEY_PREVIOUS: OLD_KEY.toString('base64'),
    });
    await delivered(1);
    expect(await storedSecret(webhook.id)).toMatch(new RegExp(`^v2:${keyIdOf(NEW_KEY)}:`));
    await stopProcess(during, 'SIGTERM');

    await make.team(owner, organization);
    startWorker({ CREDENTIALS_KEY: NEW_KEY.toString('base64') });
    await delivered(2);

    const verifier = new StandardWebhook(secret);
    expect(receiver.received).toHaveLength(2);
    for (const request of receiver.received)
      expect(verifier.verify(request.body, request.headers as Record<string, string>)).toMatchObject({
        type: 'team.create',
      });
  },
  3 * DEADLINE_MS,
);
