import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createControlPlaneClient } from '@controlplane/client';
import { unique, useStack } from '@controlplane/testkit';
import { formatReport, syncPartner } from '../examples/partner-sync/src/partner-sync';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { eventually } from './support/processes';
import { startReceiver, type Receiver } from './support/webhooks';

const ROOT = join(__dirname, '..');
/** Its own database: the identity worker delivers the webhook to a receiver on loopback. */
const { stack, make } = useStack({
  isolatedDatabase: true,
  serviceEnv: { identity: { DEPLOY_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_POLL_INTERVAL_MS: '50' } },
});
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

/** Runs the built CLI (examples/partner-sync/dist/cli.js) and resolves to its exit code and output. */
function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'examples', 'partner-sync', 'dist', 'cli.js'), ...args],
      {
        env: { PATH: process.env.PATH ?? '', ...env },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The partner's world: its organization with two workspaces; a plain design, a clone of another
 * tenant's PUBLIC item that has since published 1.1.0, and a clone of its own ORGANIZATION item
 * that is up to date; and an ADMIN API key.
 */
async function partnerWorld() {
  const publisher = await make.user();
  const publisherOrganization = await make.organization(publisher);
  const publisherWorkspace = await make.workspace(publisher, publisherOrganization);
  const source = await make.design(publisher, publisherWorkspace, { content: 'replicas: 1' });
  const first = await make.catalogVersion(publisher, source, {
    name: unique('Web service'),
    visibility: 'PUBLIC',
  });
  await make.approval(publisher, first);

  const owner = await make.user();
  const organization = await make.organization(owner);
  const apps = await make.workspace(owner, organization, { name: 'apps' });
  const platform = await make.workspace(owner, organization, { name: 'platform' });
  const notes = await make.design(owner, apps, { name: 'notes' });
  const ownSource = await make.design(owner, platform, { name: 'baseline' });
  const ownItem = await make.catalogVersion(owner, ownSource, { name: unique('Baseline') });
  const key = await make.apiKey(owner, organization, 'ADMIN');

  const client = createControlPlaneClient({ url: stack.gatewayUrl, apiKey: key.secret });
  const webClone = await client.cloneCatalogItem({
    catalogItemId: first.itemId,
    workspaceId: apps.id,
    name: 'web',
  });
  const baselineClone = await client.cloneCatalogItem({
    catalogItemId: ownItem.itemId,
    workspaceId: platform.id,
    name: 'baseline-copy',
  });

  await stack
    .as(publisher)
    .data(
      'mutation ($id: ID!, $i: UpdateDesignInput!) { updateDesign(id: $id, input: $i, expectedRevision: 1) { id } }',
      {
        id: source.id,
        i: { content: 'replicas: 3' },
      },
    );
  const second = await stack
    .as(publisher)
    .data(`mutation ($input: PublishDesignInput!) { publishDesign(input: $input) { id } }`, {
      input: {
        designId: source.id,
        catalogItemId: first.itemId,
        version: '1.1.0',
        changelog: 'Three replicas',
      },
    });
  await make.approval(publisher, second.publishDesign);
  return {
    organization,
    apps,
    platform,
    notes,
    ownSource,
    webClone,
    baselineClone,
    key,
    client,
    firstItem: first,
  };
}

describe('the partner-sync example', () => {
  it('lists the workspaces and designs of the key organization and follows catalog updates of its clones', async () => {
    const world = await partnerWorld();
    const report = await syncPartner(world.client, { pageSize: 1 });
    expect(report.organization).toEqual({ id: world.organization.id, name: world.organization.name });
    const byName = Object.fromEntries(report.workspaces.map((w) => [w.name, w]));
    expect(Object.keys(byName).sort()).toEqual(['apps', 'platform']);
    expect(byName.apps?.designs.map((d) => d.name).sort()).toEqual(['notes', 'web']);
    expect(byName.platform?.designs.map((d) => d.name).sort()).toEqual(['baseline', 'baseline-copy']);
    const design = (name: string) => report.workspaces.flatMap((w) => w.designs).find((d) => d.name === name);
    expect(design('notes')?.clone).toBeUndefined();
    expect(design('web')?.clone).toEqual({
      itemId: world.firstItem.itemId,
      itemName: expect.stringMatching(/^Web service/),
      clonedVersion: '1.0.0',
      status: 'UPDATE_AVAILABLE',
      latestVersion: '1.1.0',
      newerVersions: [{ version: '1.1.0', changelog: 'Three replicas' }],
    });
    expect(design('baseline-copy')?.clone).toMatchObject({
      clonedVersion: '1.0.0',
      status: 'UP_TO_DATE',
      newerVersions: [],
    });
    expect(formatReport(report)).toContain(
      'Catalog updates: 1 of 2 cloned designs can move to a newer version.',
    );
  });

  it('runs as a command with the API key from the environment', async () => {
    const world = await partnerWorld();
    const { code, stdout, stderr } = await runCli(['--url', stack.gatewayUrl, '--page-size', '1'], {
      CONTROLPLANE_API_KEY: world.key.secret,
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(`Organization ${world.organization.name} (${world.organization.id})`);
    expect(stdout).toContain('Workspace apps: 2 designs');
    expect(stdout).toMatch(
      / {2}web \(revision 1\) cloned from "Web service[^"]*" 1\.0\.0: update available, 1\.1\.0 \(Three replicas\)/,
    );
    expect(stdout).toMatch(
      / {2}baseline-copy \(revision 1\) cloned from "Baseline[^"]*" 1\.0\.0: up to date/,
    );
  });

  it('refuses a wrong API key with the contract code, and says how to run without one', async () => {
    const wrong = await runCli(['--url', stack.gatewayUrl], { CONTROLPLANE_API_KEY: 'cp_wrong' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/UNAUTHENTICATED/);
    const missing = await runCli(['--url', stack.gatewayUrl], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/CONTROLPLANE_API_KEY/);
  });

  it('subscribes a webhook that then receives the organization design events, signed', async () => {
    const world = await partnerWorld();
    const report = await syncPartner(world.client, { webhookUrl: receiver.url('/controlplane-events') });
    expect(report.webhook).toMatchObject({
      url: receiver.url('/controlplane-events'),
      secret: expect.stringMatching(/^whsec_/),
    });
    expect(report.webhook?.events.toSorted()).toEqual(['catalog.item.clone', 'design.*']);
    const design = await world.client.createDesign({
      workspaceId: world.apps.id,
      name: unique('after-subscribing'),
      content: 'replicas: 2',
    });
    const delivered = await eventually('the design.create delivery', () =>
      receiver.ofAction('design.create').find((entry) => entry.body.includes(design.id)),
    );
    const verified = new StandardWebhook(report.webhook?.secret ?? '').verify(
      delivered.body,
      delivered.headers as Record<string, string>,
    );
    expect(verified).toMatchObject({ type: 'design.create' });
  });
});
