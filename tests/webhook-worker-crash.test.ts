import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { useStack } from '@controlplane/testkit';
import { eventually, serviceEntry, spawnService, stopProcess } from './support/processes';
import { createWebhook, deliveriesOf, startReceiver, type Receiver } from './support/webhooks';

/**
 * An identity process killed (SIGKILL) while its worker waits for a receiver's answer loses no
 * delivery: the next process takes it once the lease expired and delivers it. The workers are real
 * processes running the built identity service (`apps/identity/dist`) on this file's own database;
 * the stack in this process only serves the API (WEBHOOK_WORKER_CONCURRENCY=0).
 */
const CREDENTIALS_KEY = randomBytes(32).toString('base64');
const { stack, make } = useStack({
  isolatedDatabase: true,
  env: { CREDENTIALS_KEY },
  serviceEnv: { identity: { WEBHOOK_WORKER_CONCURRENCY: '0', DEPLOY_ALLOWED_HOSTS: '127.0.0.1' } },
});

const DEADLINE_MS = 60_000;
const workers: ChildProcess[] = [];
let receiver: Receiver;
let holdFirst = true;
beforeAll(async () => {
  serviceEntry('identity');
  receiver = await startReceiver(() => (holdFirst ? 'hold' : 200));
});
afterAll(async () => {
  for (const worker of workers) await stopProcess(worker, 'SIGTERM');
  await receiver.close();
});

/** An identity service process: a webhook worker on the stack's database, leases of 4 s (an attempt waits at most half of it). */
function startWorker(): ChildProcess {
  const worker = spawnService('identity', stack, {
    JWT_SECRET: stack.jwtSecret,
    CREDENTIALS_KEY,
    CATALOG_URL: stack.subgraphUrls.catalog,
    DEPLOY_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_LEASE_MS: '4000',
    WEBHOOK_POLL_INTERVAL_MS: '100',
  });
  workers.push(worker);
  return worker;
}

it(
  'delivers an event whose worker was killed mid-delivery, once the lease expired',
  async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const { webhook } = await createWebhook(stack.as(owner), {
      organizationId: organization.id,
      url: receiver.url('/crash'),
      events: ['team.create'],
    });
    await make.team(owner, organization);

    const first = startWorker();
    await eventually(
      'the first attempt to arrive',
      () => (receiver.received.length > 0 ? true : undefined),
      DEADLINE_MS,
    );
    await stopProcess(first, 'SIGKILL');
    // Killed mid-attempt: nothing was recorded, the delivery is still pending under the dead lease.
    expect(await deliveriesOf(stack.as(owner), organization.id, webhook.id)).toMatchObject([
      { succeeded: false, attempts: 0, responseStatus: null },
    ]);
    holdFirst = false;

    startWorker();
    const [delivery] = await eventually(
      'the delivery to succeed',
      async () => {
        const deliveries = await deliveriesOf(stack.as(owner), organization.id, webhook.id);
        return deliveries[0]?.succeeded === true ? deliveries : undefined;
      },
      DEADLINE_MS,
    );
    // The attempt cut by the crash has no outcome to record; the receiver saw it, with the same id.
    expect(delivery).toMatchObject({
      event: 'team.create',
      succeeded: true,
      attempts: 1,
      responseStatus: 200,
    });
    expect(receiver.received.map((request) => request.id)).toEqual([delivery?.id, delivery?.id]);
  },
  3 * DEADLINE_MS,
);
