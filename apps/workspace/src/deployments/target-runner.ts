import {
  applyToKubernetes,
  commitManifestsToGit,
  deleteFromKubernetes,
  DeployTargetError,
  formatResourceRef,
  removeManifestsFromGit,
  type GitChange,
  type Manifest,
} from '@controlplane/deploy';
import type { OutboundPolicy } from '@controlplane/outbound';
import { z } from 'zod';
import type { DeploymentAction } from './deployment-repository';
import type { TargetOutcome } from './deployment-jobs';

/** The connection kinds that take designs. */
export const DEPLOYABLE_KINDS = ['KUBERNETES', 'GIT'] as const;
export type DeployableKind = (typeof DEPLOYABLE_KINDS)[number];

const kubernetesCredentials = z.object({ token: z.string().min(1), caData: z.string().min(1).optional() });
const gitCredentials = z.object({ username: z.string().min(1).optional(), token: z.string().min(1) });
const kubernetesSettings = z.object({ namespace: z.string().min(1).optional() }).nullish();
const gitSettings = z
  .object({ branch: z.string().min(1).optional(), path: z.string().min(1).optional() })
  .nullish();

/** One target of one deployment: a connection (credentials already decrypted) and what to do there. */
export type TargetWork = {
  kind: DeployableKind;
  url: string;
  credentials: unknown;
  settings: unknown;
  action: DeploymentAction;
  dryRun: boolean;
  /** The manifests of the revision applied (APPLY) or last applied (DELETE). */
  manifests: readonly Manifest[];
  /** The revision's text, as committed to Git. */
  content: string;
  change: GitChange;
};

export type TargetLimits = OutboundPolicy & { timeBudgetMs: number };

function failed(message: string, resources: readonly string[] = []): TargetOutcome {
  return { status: 'FAILED', message, resources, commit: null };
}

/**
 * Does one target's part of a deployment and says how it went, for people: never throws, and
 * never lets a credential into the message (the engine redacts what targets answer).
 */
export async function runTarget(work: TargetWork, limits: TargetLimits): Promise<TargetOutcome> {
  try {
    return work.kind === 'KUBERNETES' ? await runKubernetes(work, limits) : await runGit(work, limits);
  } catch (error) {
    if (error instanceof DeployTargetError) return failed(error.message, error.resources);
    // Anything else is a defect of ours: say so without echoing it (it could hold anything).
    return failed('The deployment could not be carried out because of an internal error.');
  }
}

/** The connection a target runs against, or null when its credentials do not fit its kind. */
function parseConnection<Credentials, Settings>(
  work: TargetWork,
  schemas: { credentials: z.ZodType<Credentials>; settings: z.ZodType<Settings> },
): { url: string; credentials: Credentials; settings: Settings | null } | null {
  const credentials = schemas.credentials.safeParse(work.credentials);
  if (!credentials.success) return null;
  const settings = schemas.settings.safeParse(work.settings);
  return { url: work.url, credentials: credentials.data, settings: settings.success ? settings.data : null };
}

async function runKubernetes(work: TargetWork, limits: TargetLimits): Promise<TargetOutcome> {
  const connection = parseConnection(work, {
    credentials: kubernetesCredentials,
    settings: kubernetesSettings,
  });
  if (connection === null)
    return failed('The connection has no credentials for its API server: set { token, caData? }.');
  const input = { connection, dryRun: work.dryRun };
  const result =
    work.action === 'APPLY'
      ? await applyToKubernetes({ ...input, manifests: work.manifests }, limits)
      : await deleteFromKubernetes({ ...input, objects: work.manifests }, limits);
  return { status: 'SUCCEEDED', message: result.message, resources: result.resources, commit: null };
}

async function runGit(work: TargetWork, limits: TargetLimits): Promise<TargetOutcome> {
  const connection = parseConnection(work, { credentials: gitCredentials, settings: gitSettings });
  if (connection === null)
    return failed('The connection has no credentials for its repository: set { username?, token }.');
  const input = { connection, change: work.change, dryRun: work.dryRun };
  const result =
    work.action === 'APPLY'
      ? await commitManifestsToGit({ ...input, content: work.content }, limits)
      : await removeManifestsFromGit(input, limits);
  return {
    status: 'SUCCEEDED',
    message: result.message,
    resources: work.manifests.map((manifest) => formatResourceRef(manifest)),
    commit: result.commit,
  };
}
