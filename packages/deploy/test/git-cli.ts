import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const isolated = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir() };

/**
 * Runs the git CLI, isolated from the user's configuration. Asynchronous on purpose: the Git
 * server of the tests runs in this same process and must keep answering while git waits.
 */
export async function runGit(args: string[], cwd?: string): Promise<string> {
  const { stdout } = await execFileAsync('git', args, { cwd, env: isolated, encoding: 'utf8' });
  return stdout.trim();
}

function authHeader(user: string, password: string): string {
  return `http.extraHeader=Authorization: Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** A working copy made by `git clone` over HTTP with basic auth, read back as plain files. */
export type Clone = {
  files: Record<string, string>;
  head: string;
  log: (format: string) => Promise<string>;
  close: () => Promise<void>;
};

export async function cloneWithCli(
  url: string,
  user: string,
  password: string,
  branch = 'main',
): Promise<Clone> {
  const dir = await mkdtemp(join(tmpdir(), 'git-clone-'));
  await runGit(['-c', authHeader(user, password), 'clone', '--quiet', '--branch', branch, url, dir]);
  return {
    files: await readFiles(dir),
    head: await runGit(['rev-parse', 'HEAD'], dir),
    log: (format) => runGit(['log', `--format=${format}`], dir),
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

async function readFiles(
  root: string,
  dir = root,
  into: Record<string, string> = {},
): Promise<Record<string, string>> {
  for (const name of await readdir(dir)) {
    if (name === '.git') continue;
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) await readFiles(root, path, into);
    else into[relative(root, path)] = await readFile(path, 'utf8');
  }
  return into;
}

/** Pushes one commit with the given files to a branch, as a person working on the repository would. */
export async function pushWithCli(
  url: string,
  user: string,
  password: string,
  branch: string,
  files: Record<string, string>,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'git-push-'));
  try {
    await runGit(['init', '--quiet', '--initial-branch', branch], dir);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    await runGit(['add', '.'], dir);
    await runGit(
      ['-c', 'user.name=Person', '-c', 'user.email=person@example.com', 'commit', '--quiet', '-m', 'by hand'],
      dir,
    );
    await runGit(
      ['-c', authHeader(user, password), 'push', '--quiet', url, `HEAD:refs/heads/${branch}`],
      dir,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
