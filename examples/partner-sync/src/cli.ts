#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ControlPlaneError, createControlPlaneClient } from '@controlplane/client';
import { formatReport, syncPartner } from './partner-sync';

const USAGE = `Usage: CONTROLPLANE_API_KEY=<secret> partner-sync [--url <gateway>/graphql] [--organization <id>]
                    [--webhook-url <https://…>] [--page-size <n>] [--json]`;

/**
 * partner-sync: lists an organization's workspaces and designs, reports catalog updates of its
 * clones, and optionally subscribes a webhook. The API key comes from CONTROLPLANE_API_KEY (never
 * from an argument, which other users of the machine could read); the gateway from --url or
 * CONTROLPLANE_URL.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      organization: { type: 'string' },
      'webhook-url': { type: 'string' },
      'page-size': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const apiKey = process.env.CONTROLPLANE_API_KEY;
  const url = values.url ?? process.env.CONTROLPLANE_URL ?? 'http://localhost:4000/graphql';
  if (values.help || apiKey === undefined || apiKey === '') {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const client = createControlPlaneClient({ url, apiKey });
  const report = await syncPartner(client, {
    organizationId: values.organization,
    webhookUrl: values['webhook-url'],
    pageSize: values['page-size'] === undefined ? undefined : Number(values['page-size']),
  });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report).join('\n'));
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const detail =
      error instanceof ControlPlaneError ? ` [${error.code}; request ${error.requestId ?? '-'}]` : '';
    console.error(`partner-sync: ${error instanceof Error ? error.message : String(error)}${detail}`);
    process.exitCode = 1;
  },
);
