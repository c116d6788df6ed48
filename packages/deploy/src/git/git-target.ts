import * as fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutboundClient, type OutboundPolicy } from '@controlplane/outbound';
import git, { type HttpClient } from 'isomorphic-git';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from '../retry';
import { DeployTargetError } from '../target-error';
import { checkBranchName } from './branch-name';
import { commitMessage, type GitChange } from './commit-message';
import { isTransientGitFailure, PushRefused, refusalDetail, toGitTargetError } from './git-errors';
import { createGitHttp } from './git-http';
import { GitPathError, renderGitPath } from './git-path';
import { replaceFileInTree } from './tree-edit';

/** Write-only connection secrets: a token (or password) sent with HTTPS basic auth. */
export type GitCredentials = {
  /** Default `x-access-token` (GitHub); GitLab and Gitea accept any name with a token. */
  username?: string;
  token: string;
};

/** A GIT connection as the workspace stores it. */
export type GitConnection = {
  /** The repository's HTTPS clone URL, without credentials. */
  url: string;
  credentials: GitCredentials;
  /** `branch` (default main) and `path` (default `{environment}/{design}.yaml`). */
  settings?: { branch?: string; path?: string } | null;
};

export type GitTargetOptions = OutboundPolicy & {
  /** Wall-clock limit of the whole call, retries included. Default 120 s. */
  timeBudgetMs?: number;
  /** Tries after a concurrent push or a transient failure, each from a fresh fetch. */
  retry?: RetryPolicy;
  /** Author and committer of the commits. Default "Control Plane <controlplane@localhost>". */
  author?: { name: string; email: string };
  /** Where the temporary bare repositories go. Default the OS temporary directory. */
  workDir?: string;
};

/** What a call did: the commit that carries the change (or the unchanged head) and a sentence. */
export type GitResult = {
  /** The new commit, or the branch head when nothing changed; null when the branch does not exist. */
  commit: string | null;
  changed: boolean;
  branch: string;
  path: string;
  message: string;
};

export { type GitChange } from './commit-message';

const DEFAULT_AUTHOR = { name: 'Control Plane', email: 'controlplane@localhost' };
const DEFAULT_TIME_BUDGET_MS = 120_000;

/**
 * Commits the design's manifests to the connection's branch at its path and pushes. The branch
 * is created (as a first, parentless commit) when it does not exist yet. Identical content
 * makes no commit: the result has the current head and `changed: false`. A dry run fetches and
 * compares but neither commits nor pushes.
 *
 * @throws DeployTargetError (redacted).
 */
export function commitManifestsToGit(
  input: { connection: GitConnection; change: GitChange; content: string; dryRun?: boolean },
  options: GitTargetOptions,
): Promise<GitResult> {
  const content = input.content.endsWith('\n') ? input.content : `${input.content}\n`;
  return syncFile({ ...input, content, message: commitMessage('deploy', input.change) }, options);
}

/**
 * Removes the design's manifests file with a commit (an undeploy: Argo CD or Flux prune what it
 * described). A file that is already gone makes no commit.
 *
 * @throws DeployTargetError (redacted).
 */
export function removeManifestsFromGit(
  input: { connection: GitConnection; change: GitChange; dryRun?: boolean },
  options: GitTargetOptions,
): Promise<GitResult> {
  return syncFile(
    { ...input, content: undefined, message: commitMessage('undeploy', input.change) },
    options,
  );
}

type SyncInput = {
  connection: GitConnection;
  change: GitChange;
  content: string | undefined;
  message: string;
  dryRun?: boolean;
};

async function syncFile(input: SyncInput, options: GitTargetOptions): Promise<GitResult> {
  const { connection } = input;
  const secrets = [connection.credentials.token];
  const refuse = (message: string) => new DeployTargetError(message, { secrets, transient: false });
  const branch = connection.settings?.branch?.trim() || 'main';
  const branchProblem = checkBranchName(branch);
  if (branchProblem) throw refuse(`the branch name ${branch} ${branchProblem}`);
  let path: string;
  try {
    path = renderGitPath(connection.settings?.path, input.change);
  } catch (error) {
    if (error instanceof GitPathError) throw refuse(error.message);
    throw error;
  }
  if (!connection.credentials.token) throw refuse('the connection has no token');

  const timeBudgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const signal = AbortSignal.timeout(timeBudgetMs);
  const client = createOutboundClient(options);
  const username = connection.credentials.username || 'x-access-token';
  const authorization = `Basic ${Buffer.from(`${username}:${connection.credentials.token}`).toString('base64')}`;
  const http = createGitHttp(client, { authorization, signal });
  const workDir = await mkdtemp(join(options.workDir ?? tmpdir(), 'controlplane-git-'));
  try {
    return await withRetry(
      (attempt) =>
        commitOnce({
          http,
          gitdir: join(workDir, `attempt-${attempt.number}.git`),
          url: connection.url,
          branch,
          path,
          content: input.content,
          message: input.message,
          dryRun: input.dryRun ?? false,
          author: options.author ?? DEFAULT_AUTHOR,
        }),
      { policy: options.retry ?? DEFAULT_RETRY, signal, isTransient: isTransientGitFailure },
    );
  } catch (error) {
    throw toGitTargetError(error, { signal, timeBudgetMs, secrets });
  } finally {
    await rm(workDir, { recursive: true, force: true });
    await client.close();
  }
}

type CommitOnce = {
  http: HttpClient;
  gitdir: string;
  url: string;
  branch: string;
  path: string;
  content: string | undefined;
  message: string;
  dryRun: boolean;
  author: { name: string; email: string };
};

/**
 * One fetch-edit-commit-push round in a fresh bare repository: a shallow fetch of the branch
 * head only, the file edited at the object level (no checkout, however big the repository),
 * and a push that fails with PushRefused if the branch moved meanwhile.
 */
async function commitOnce(round: CommitOnce): Promise<GitResult> {
  const { http, gitdir, url, branch, path } = round;
  const repository = { fs, gitdir };
  await git.init({ fs, gitdir, bare: true, defaultBranch: branch });
  await git.addRemote({ fs, gitdir, remote: 'origin', url });
  const ref = `refs/heads/${branch}`;
  const remote = (await git.listServerRefs({ http, url, prefix: ref })).find(
    (candidate) => candidate.ref === ref,
  );
  let head: string | undefined;
  let rootTree: string | undefined;
  if (remote) {
    const fetched = await git.fetch({
      fs,
      http,
      gitdir,
      remote: 'origin',
      ref: branch,
      singleBranch: true,
      depth: 1,
      tags: false,
    });
    head = fetched.fetchHead ?? remote.oid;
    rootTree = (await git.readCommit({ ...repository, oid: head })).commit.tree;
  }
  const blob =
    round.content === undefined
      ? undefined
      : await git.writeBlob({ ...repository, blob: Buffer.from(round.content, 'utf8') });
  const tree = await replaceFileInTree(repository, rootTree, path, blob);
  const result = { branch, path };
  const changed = head === undefined ? blob !== undefined : tree !== rootTree;
  if (!changed) {
    const state = round.content === undefined ? 'is not in the repository' : 'already has this content';
    return {
      ...result,
      commit: head ?? null,
      changed: false,
      message: `No commit: ${path} on ${branch} ${state}.`,
    };
  }
  if (round.dryRun) {
    return {
      ...result,
      commit: head ?? null,
      changed: true,
      message: `Dry run: a commit would ${round.content === undefined ? 'remove' : 'write'} ${path} on ${branch}.`,
    };
  }
  const commit = await git.commit({
    ...repository,
    message: round.message,
    author: round.author,
    committer: round.author,
    tree,
    parent: head ? [head] : [],
    ref,
  });
  const pushed = await git
    .push({ fs, http, gitdir, remote: 'origin', ref: branch, remoteRef: branch })
    .catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      // PushRejectedError: isomorphic-git saw the remote ref move; GitPushError: the server refused.
      if (code === 'PushRejectedError' || code === 'GitPushError')
        throw new PushRefused(branch, refusalDetail(error));
      throw error;
    });
  const refResult = pushed.refs[ref];
  if (!pushed.ok || refResult?.ok === false)
    throw new PushRefused(branch, refResult?.error ?? pushed.error ?? undefined);
  return {
    ...result,
    commit,
    changed: true,
    message: `Committed ${commit.slice(0, 12)} to ${branch}: ${round.content === undefined ? 'removed' : 'wrote'} ${path}.`,
  };
}
