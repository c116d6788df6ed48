import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitServer } from '@controlplane/git-server';
import { createFactories, startStack, TEST_PASSWORD } from '@controlplane/testkit';
import { cloneWithCli } from '../packages/deploy/test/git-cli';
import { deploy, finished, makeDeploySetup, WEB_APP } from './support/deployments';
import { configMapManifest, createPolicy } from './support/policies';

/** The newcomer's path: no DATABASE_URL, every subgraph on embedded PGlite under a data folder. */
describe('the stack on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'controlplane-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, serves the thin slice, reports compliance, deploys, and keeps its data across a restart', async () => {
    const git = await startGitServer({ accounts: { deployer: 'embedded-token-3kq' } });
    const repository = git.createRepository('embedded.git');
    const first = await startStack({
      databaseUrl: null,
      dataDir,
      serviceEnv: { workspace: { DEPLOY_ALLOWED_HOSTS: '127.0.0.1' } },
    });
    let email: string;
    let organizationId: string;
    try {
      const make = createFactories(first.gatewayUrl);
      const owner = await make.user();
      email = owner.email;
      const organization = await make.organization(owner);
      organizationId = organization.id;
      await make.workspace(owner, organization, { name: 'embedded-dev' });

      // The compliance report's raw SQL (jsonb aggregation, uuid arrays) and its cache on PGlite.
      await createPolicy(first.as(owner), organization, {
        name: 'labelled',
        expression: 'has(object.metadata.labels)',
        message: 'Label every object.',
      });
      const complianceWorkspace = await make.workspace(owner, organization);
      const unlabelled = await make.design(owner, complianceWorkspace, {
        content: configMapManifest('bare', { labels: false }),
      });
      await make.design(owner, complianceWorkspace, { content: configMapManifest('labelled') });
      const report = `query ($o: [ID!]!) { complianceReport(organizationIds: $o) {
        policies designsEvaluated compliantDesigns
        violations { totalCount nodes { policy { name } design { id } resource message } }
      } }`;
      const firstReport = await first.as(owner).data(report, { o: [organization.id] });
      expect(firstReport.complianceReport).toEqual([
        {
          policies: 1,
          designsEvaluated: 2,
          compliantDesigns: 1,
          violations: {
            totalCount: 1,
            nodes: [
              {
                policy: { name: 'labelled' },
                design: { id: unlabelled.id },
                resource: 'ConfigMap/shop/bare',
                message: 'Label every object.',
              },
            ],
          },
        },
      ]);
      expect(await first.as(owner).data(report, { o: [organization.id] })).toEqual(firstReport);
      expect(first.complianceStats()).toEqual({ evaluated: 2, reused: 2 });

      // The deployment queue (claims, leases) on PGlite: a design goes to a Git repository.
      const setup = await makeDeploySetup(first, make, [
        { kind: 'GIT', url: repository, credentials: { username: 'deployer', token: 'embedded-token-3kq' } },
      ]);
      const recorded = await deploy(first, setup.owner, {
        designId: setup.design.id,
        environmentId: setup.environment.id,
      });
      expect((await finished(first, setup.owner, recorded.id)).status).toBe('SUCCEEDED');
      const working = await cloneWithCli(repository, 'deployer', 'embedded-token-3kq', 'main');
      try {
        expect(working.files).toEqual({ [`${setup.environment.name}/${setup.design.name}.yaml`]: WEB_APP });
      } finally {
        await working.close();
      }
    } finally {
      await first.close();
      await git.close();
    }

    const second = await startStack({ databaseUrl: null, dataDir });
    try {
      const { logIn } = await second.anonymous.data(
        `
          mutation ($e: String!, $p: String!) {
            logIn(email: $e, password: $p) {
              token
            }
          }
        `,
        { e: email, p: TEST_PASSWORD },
      );
      const data = await second.as(logIn).data(
        `
          query ($id: ID!) {
            organization(id: $id) {
              workspaces {
                name
              }
            }
          }
        `,
        { id: organizationId },
      );
      expect(data.organization.workspaces).toContainEqual({ name: 'embedded-dev' });
    } finally {
      await second.close();
    }
  }, 300_000); // six embedded databases start here: on a loaded two-core machine that took over 120 s
});
