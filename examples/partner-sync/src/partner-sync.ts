import type { ControlPlaneClient } from '@controlplane/client';
import { type CloneUpdate, createCloneTracker } from './catalog-updates';
import { subscribeWebhook } from './webhook';

export type SyncedDesign = { id: string; name: string; revision: number; clone?: CloneUpdate };
export type SyncedWorkspace = { id: string; name: string; designs: SyncedDesign[] };

export type SyncReport = {
  organization: { id: string; name: string };
  workspaces: SyncedWorkspace[];
  /** The webhook subscribed by this run, with its secret (shown once: store it). */
  webhook?: { id: string; url: string; events: string[]; secret: string };
};

export type SyncOptions = {
  /** The organization to read; the credential's only organization when absent (an API key's). */
  organizationId?: string;
  /** Subscribes this URL to the organization's design and clone events. */
  webhookUrl?: string;
  /** Designs per request (1 to 100). */
  pageSize?: number;
};

/**
 * What a partner integration does with an organization's API key: lists the organization's
 * workspaces and every design in them, tells for each design cloned from the catalog whether a
 * newer version was published since, and optionally subscribes a webhook to hear of changes.
 */
export async function syncPartner(
  client: ControlPlaneClient,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const organization = await organizationOf(client, options.organizationId);
  const updateOf = createCloneTracker(client);
  const workspaces: SyncedWorkspace[] = [];
  for (const workspace of await client.workspaces(organization.id)) {
    const designs: SyncedDesign[] = [];
    for await (const design of client.designs(workspace.id, { pageSize: options.pageSize })) {
      const clone = await updateOf(design);
      designs.push({
        id: design.id,
        name: design.name,
        revision: design.revision,
        ...(clone ? { clone } : {}),
      });
    }
    workspaces.push({ id: workspace.id, name: workspace.name, designs });
  }
  const report: SyncReport = { organization, workspaces };
  if (options.webhookUrl !== undefined) {
    const { webhook, secret } = await subscribeWebhook(client, {
      organizationId: organization.id,
      url: options.webhookUrl,
    });
    report.webhook = { id: webhook.id, url: webhook.url, events: webhook.events, secret };
  }
  return report;
}

async function organizationOf(client: ControlPlaneClient, organizationId: string | undefined) {
  const organizations = await client.organizations();
  const chosen =
    organizationId === undefined
      ? organizations.length === 1
        ? organizations[0]
        : undefined
      : organizations.find((organization) => organization.id === organizationId);
  if (chosen === undefined) {
    throw new Error(
      organizationId === undefined
        ? `The credential reaches ${organizations.length} organizations: name one with --organization.`
        : `Organization ${organizationId} is not one of the credential's.`,
    );
  }
  return { id: chosen.id, name: chosen.name };
}

/** The report as lines for a person. */
export function formatReport(report: SyncReport): string[] {
  const lines = [`Organization ${report.organization.name} (${report.organization.id})`];
  const clones: CloneUpdate[] = [];
  for (const workspace of report.workspaces) {
    lines.push(`Workspace ${workspace.name}: ${workspace.designs.length} designs`);
    for (const design of workspace.designs) {
      lines.push(`  ${design.name} (revision ${design.revision})${describeClone(design.clone)}`);
      if (design.clone) clones.push(design.clone);
    }
  }
  const behind = clones.filter((clone) => clone.status === 'UPDATE_AVAILABLE').length;
  lines.push(`Catalog updates: ${behind} of ${clones.length} cloned designs can move to a newer version.`);
  if (report.webhook) {
    const { id, url, events, secret } = report.webhook;
    lines.push(`Webhook ${id}: ${url} receives ${events.join(', ')}`);
    lines.push(`Webhook signing secret (shown once, store it now): ${secret}`);
  }
  return lines;
}

function describeClone(clone: CloneUpdate | undefined): string {
  if (clone === undefined) return '';
  const origin = ` cloned from "${clone.itemName}" ${clone.clonedVersion}`;
  switch (clone.status) {
    case 'UP_TO_DATE':
      return `${origin}: up to date`;
    case 'UNAVAILABLE':
      return `${origin}: the item is withdrawn or no longer visible`;
    case 'UPDATE_AVAILABLE':
      return `${origin}: update available, ${clone.newerVersions
        .map((v) => (v.changelog ? `${v.version} (${v.changelog})` : v.version))
        .join(', ')}`;
  }
}
