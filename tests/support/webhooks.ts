import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLClient } from '@controlplane/testkit';

/** One request a receiver got. */
export type Received = { path: string; headers: IncomingHttpHeaders; body: string; id: string };

/**
 * What a receiver answers to a request: a status, or `hold` to keep it unanswered until the
 * receiver closes (a worker killed while waiting for it).
 */
export type Answer = number | 'hold' | { redirect: string };

/** An HTTP receiver on loopback that records every request and answers as `answer` says. */
export async function startReceiver(answer: (request: Received, sameIdBefore: number) => Answer = () => 200) {
  const received: Received[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry: Received = {
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        id: String(request.headers['webhook-id']),
      };
      const before = received.filter((other) => other.id === entry.id).length;
      received.push(entry);
      const decision = answer(entry, before);
      if (decision === 'hold') held.push(response);
      else if (typeof decision === 'number') response.writeHead(decision).end();
      else response.writeHead(302, { location: decision.redirect }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    port,
    received,
    /** The requests whose payload is an event of `action`. */
    ofAction: (action: string) => received.filter((entry) => JSON.parse(entry.body).type === action),
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of held) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

export type DeliveryView = {
  id: string;
  event: string;
  responseStatus: number | null;
  attempts: number;
  succeeded: boolean;
  lastAttemptAt: string | null;
};
export type WebhookView = {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  deliveries: DeliveryView[];
};

export async function createWebhook(
  client: GraphQLClient,
  input: { organizationId: string; url: string; events?: string[] },
): Promise<{ webhook: WebhookView; secret: string }> {
  const { createWebhook: result } = await client.data<{
    createWebhook: { webhook: WebhookView; secret: string };
  }>(
    `mutation ($input: CreateWebhookInput!) {
      createWebhook(input: $input) { secret webhook { id url events active deliveries { id event responseStatus attempts succeeded lastAttemptAt } } }
    }`,
    { input },
  );
  return result;
}

export async function listWebhooks(client: GraphQLClient, organizationId: string): Promise<WebhookView[]> {
  const { webhooks } = await client.data<{ webhooks: WebhookView[] }>(
    `query ($o: ID!) { webhooks(organizationId: $o) { id url events active deliveries(first: 100) { id event responseStatus attempts succeeded lastAttemptAt } } }`,
    { o: organizationId },
  );
  return webhooks;
}

/** The webhook's deliveries, oldest first. */
export async function deliveriesOf(client: GraphQLClient, organizationId: string, webhookId: string) {
  const webhook = (await listWebhooks(client, organizationId)).find(
    (candidate) => candidate.id === webhookId,
  );
  if (webhook === undefined) throw new Error(`webhook ${webhookId} is not listed`);
  return [...webhook.deliveries].reverse();
}
