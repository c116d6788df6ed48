import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFactories, startStack, TEST_PASSWORD } from '@controlplane/testkit';

/** The newcomer's path: no DATABASE_URL, every subgraph on embedded PGlite under a data folder. */
describe('the stack on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'controlplane-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, serves the thin slice, and keeps its data across a restart', async () => {
    const first = await startStack({ databaseUrl: null, dataDir });
    let email: string;
    let organizationId: string;
    try {
      const make = createFactories(first.gatewayUrl);
      const owner = await make.user();
      email = owner.email;
      const organization = await make.organization(owner);
      organizationId = organization.id;
      await make.workspace(owner, organization, { name: 'embedded-dev' });
    } finally {
      await first.close();
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
      expect(data.organization.workspaces).toEqual([{ name: 'embedded-dev' }]);
    } finally {
      await second.close();
    }
  }, 300_000); // six embedded databases start here: on a loaded two-core machine that took over 120 s
});
