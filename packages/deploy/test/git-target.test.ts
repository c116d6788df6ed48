import { startGitServer, type GitServer } from '@controlplane/git-server';
import {
  commitManifestsToGit,
  DeployTargetError,
  removeManifestsFromGit,
  type GitChange,
  type GitConnection,
} from '../src';
import { rejectionOf } from '../../testkit/src/rejection';
import { cloneWithCli, pushWithCli, runGit } from './git-cli';

const token = 'ghp_deployTokenA1b2C3';
const options = { allowedHosts: ['127.0.0.1'], retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } };
const change: GitChange = {
  environment: 'Production',
  design: 'Web Shop',
  revision: 3,
  deploymentId: 'dep_01',
  actor: 'alice@example.com',
};
const manifests = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: web }\ndata: { color: blue }\n';

let server: GitServer;
let repositoryCount = 0;
let url: string;
let connection: GitConnection;
beforeAll(async () => {
  server = await startGitServer({ accounts: { deployer: token, 'x-access-token': token } });
});
afterAll(() => server.close());
beforeEach(() => {
  repositoryCount += 1;
  url = server.createRepository(`repo-${repositoryCount}.git`);
  connection = { url, credentials: { username: 'deployer', token } };
});

function clone(branch = 'main') {
  return cloneWithCli(url, 'deployer', token, branch);
}

function bareRepository(...args: string[]) {
  return runGit(['--git-dir', server.repositoryPath(`repo-${repositoryCount}.git`), ...args]);
}

const failure = (promise: Promise<unknown>) => rejectionOf(DeployTargetError, promise);

describe('commitManifestsToGit', () => {
  it('creates the branch in an empty repository and commits the manifests at {environment}/{design}.yaml', async () => {
    const result = await commitManifestsToGit({ connection, change, content: manifests }, options);

    const working = await clone();
    try {
      expect(working.files).toEqual({ 'production/web-shop.yaml': manifests });
      expect(result).toEqual({
        commit: working.head,
        changed: true,
        branch: 'main',
        path: 'production/web-shop.yaml',
        message: `Committed ${working.head.slice(0, 12)} to main: wrote production/web-shop.yaml.`,
      });
      expect(await working.log('%an <%ae>%n%B')).toBe(
        'Control Plane <controlplane@localhost>\nDeploy design "Web Shop" revision 3 to Production\n\nDeployment: dep_01\nDesign: Web Shop\nRevision: 3\nEnvironment: Production\nActor: alice@example.com',
      );
    } finally {
      await working.close();
    }
    expect(await bareRepository('fsck', '--strict')).toBe('');
  });

  it('makes no empty commit when the content is already there, and says so', async () => {
    const first = await commitManifestsToGit({ connection, change, content: manifests }, options);
    const second = await commitManifestsToGit(
      { connection, change: { ...change, revision: 4, deploymentId: 'dep_02' }, content: manifests },
      options,
    );

    expect(second).toEqual({
      commit: first.commit,
      changed: false,
      branch: 'main',
      path: 'production/web-shop.yaml',
      message: 'No commit: production/web-shop.yaml on main already has this content.',
    });
    const working = await clone();
    try {
      expect(await working.log('%H')).toBe(first.commit);
    } finally {
      await working.close();
    }
  });

  it('keeps every other file of the branch and adds a child commit for new content', async () => {
    await pushWithCli(url, 'deployer', token, 'main', {
      'README.md': '# fleet\n',
      'production/other.yaml': 'kind: Other\n',
    });
    const before = await clone();
    await before.close();

    const first = await commitManifestsToGit({ connection, change, content: manifests }, options);
    const updated = manifests.replace('blue', 'green');
    const second = await commitManifestsToGit(
      { connection, change: { ...change, revision: 4 }, content: updated },
      options,
    );

    const working = await clone();
    try {
      expect(working.files).toEqual({
        'README.md': '# fleet\n',
        'production/other.yaml': 'kind: Other\n',
        'production/web-shop.yaml': updated,
      });
      expect((await working.log('%H %P')).split('\n')).toEqual([
        `${second.commit} ${first.commit}`,
        `${first.commit} ${before.head}`,
        before.head,
      ]);
    } finally {
      await working.close();
    }
  });

  it('writes to the configured branch and path template, creating the branch without touching main', async () => {
    await pushWithCli(url, 'deployer', token, 'main', { 'README.md': '# fleet\n' });
    const settings = { branch: 'env/prod', path: 'clusters/{environment}/apps/{design}.yaml' };
    const result = await commitManifestsToGit(
      { connection: { ...connection, settings }, change, content: manifests },
      options,
    );

    expect(result.path).toBe('clusters/production/apps/web-shop.yaml');
    const prod = await clone('env/prod');
    const main = await clone('main');
    try {
      expect(prod.files).toEqual({ 'clusters/production/apps/web-shop.yaml': manifests });
      expect(prod.head).toBe(result.commit);
      expect(main.files).toEqual({ 'README.md': '# fleet\n' });
    } finally {
      await prod.close();
      await main.close();
    }
  });

  it('only compares on a dry run: no commit, no push', async () => {
    const result = await commitManifestsToGit(
      { connection, change, content: manifests, dryRun: true },
      options,
    );
    expect(result).toMatchObject({
      commit: null,
      changed: true,
      message: 'Dry run: a commit would write production/web-shop.yaml on main.',
    });
    const pushes = server.requests.filter(
      (request) =>
        request.path.startsWith(`/repo-${repositoryCount}.git/`) &&
        (request.query === 'service=git-receive-pack' || request.path.endsWith('/git-receive-pack')),
    );
    expect(pushes).toEqual([]);
    expect(await bareRepository('for-each-ref')).toBe('');
  });

  it('sends the token with basic auth, as x-access-token when no username is given', async () => {
    const first = server.requests.length;
    await commitManifestsToGit(
      { connection: { url, credentials: { token } }, change, content: manifests },
      options,
    );
    const users = new Set(server.requests.slice(first).map((request) => request.user));
    expect(users).toEqual(new Set(['x-access-token']));
  });

  it('retries from a fresh fetch when another push lands between its fetch and its push', async () => {
    const held = server.holdNext(
      (request, user) => user === 'deployer' && request.url?.endsWith('/git-receive-pack') === true,
    );
    const slow = commitManifestsToGit({ connection, change, content: manifests }, options);
    await held.arrived;
    const other = await commitManifestsToGit(
      {
        connection: { url, credentials: { token } },
        change: { ...change, design: 'Billing' },
        content: 'kind: Billing\n',
      },
      options,
    );
    held.release();
    const result = await slow;

    const working = await clone();
    try {
      expect(working.files).toEqual({
        'production/billing.yaml': 'kind: Billing\n',
        'production/web-shop.yaml': manifests,
      });
      expect((await working.log('%H %P')).split('\n')).toEqual([
        `${result.commit} ${other.commit}`,
        other.commit,
      ]);
      const pushes = server.requests.filter(
        (request) =>
          request.user === 'deployer' && request.path === `/repo-${repositoryCount}.git/git-receive-pack`,
      );
      expect(pushes).toHaveLength(2);
    } finally {
      await working.close();
    }
  });
});

describe('removeManifestsFromGit', () => {
  it('removes the file with a commit, and makes none when it is already gone', async () => {
    await pushWithCli(url, 'deployer', token, 'main', { 'README.md': '# fleet\n' });
    await commitManifestsToGit({ connection, change, content: manifests }, options);
    const removed = await removeManifestsFromGit(
      { connection, change: { ...change, deploymentId: 'dep_09' } },
      options,
    );

    const working = await clone();
    try {
      expect(working.files).toEqual({ 'README.md': '# fleet\n' });
      expect(removed).toMatchObject({
        commit: working.head,
        changed: true,
        message: `Committed ${working.head.slice(0, 12)} to main: removed production/web-shop.yaml.`,
      });
      expect((await working.log('%s')).split('\n')[0]).toBe('Undeploy design "Web Shop" from Production');
    } finally {
      await working.close();
    }
    const again = await removeManifestsFromGit({ connection, change }, options);
    expect(again).toMatchObject({
      commit: removed.commit,
      changed: false,
      message: 'No commit: production/web-shop.yaml on main is not in the repository.',
    });
  });
});

describe('failures', () => {
  it('reports refused credentials without the token', async () => {
    const error = await failure(
      commitManifestsToGit(
        {
          connection: { url, credentials: { username: 'deployer', token: 'wrong-token-123' } },
          change,
          content: manifests,
        },
        options,
      ),
    );
    expect(error.message).toBe(
      "the Git server refused the credentials (HTTP 401); check the connection's username and token",
    );
    expect(error.transient).toBe(false);
  });

  it('fails within its time budget when the Git server does not answer', async () => {
    const held = server.holdNext(
      (request) => request.url?.startsWith(`/repo-${repositoryCount}.git/`) === true,
    );
    try {
      const error = await failure(
        commitManifestsToGit({ connection, change, content: manifests }, { ...options, timeBudgetMs: 300 }),
      );
      expect(error.message).toBe('the time budget of 300 ms ran out before the Git server finished');
      expect(error.transient).toBe(true);
    } finally {
      held.release();
    }
  });

  it('goes through the outbound guard: loopback is refused unless allowed, before any request', async () => {
    const first = server.requests.length;
    const error = await failure(
      commitManifestsToGit({ connection, change, content: manifests }, { ...options, allowedHosts: [] }),
    );
    expect(error.message).toMatch(/^plain http is only allowed for hosts the operator allows/);
    expect(server.requests.length).toBe(first);
  });

  it.each([
    ['../outside.yaml', 'must not contain ".."'],
    ['/etc/{design}.yaml', 'must be relative to the repository root'],
    ['.git/hooks/{design}', 'must not reach into .git'],
    ['{team}/{design}.yaml', 'uses {team}; only {environment} and {design} can be used'],
  ])('refuses the path template %s', async (path, reason) => {
    const error = await failure(
      commitManifestsToGit(
        { connection: { ...connection, settings: { path } }, change, content: manifests },
        options,
      ),
    );
    expect(error.message).toContain(reason);
  });

  it('refuses a branch name git would refuse', async () => {
    const error = await failure(
      commitManifestsToGit(
        { connection: { ...connection, settings: { branch: 'main..x' } }, change, content: manifests },
        options,
      ),
    );
    expect(error.message).toBe('the branch name main..x must not contain "..", "//" or "@{"');
  });
});
