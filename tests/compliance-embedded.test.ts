import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFactories, startStack } from '@controlplane/testkit';
import { configMapManifest, createPolicy } from './support/policies';

/**
 * Guards the newcomer's path (`npm start` without DATABASE_URL): the report's raw SQL (jsonb
 * aggregation, uuid arrays) and its cache work on embedded PGlite as on PostgreSQL.
 */
describe('compliance on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'controlplane-compliance-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reports violations, then answers the same report from the cache', async () => {
    const stack = await startStack({ databaseUrl: null, dataDir });
    try {
      const make = createFactories(stack.gatewayUrl);
      const owner = await make.user();
      const organization = await make.organization(owner);
      const workspace = await make.workspace(owner, organization);
      await createPolicy(stack.as(owner), organization, {
        name: 'labelled',
        expression: 'has(object.metadata.labels)',
        message: 'Label every object.',
      });
      const unlabelled = await make.design(owner, workspace, {
        content: configMapManifest('bare', { labels: false }),
      });
      await make.design(owner, workspace, { content: configMapManifest('labelled') });
      const report = `query ($o: [ID!]!) { complianceReport(organizationIds: $o) {
        policies designsEvaluated compliantDesigns
        violations { totalCount nodes { policy { name } design { id } resource message } }
      } }`;
      const first = await stack.as(owner).data(report, { o: [organization.id] });
      expect(first.complianceReport).toEqual([
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
      const second = await stack.as(owner).data(report, { o: [organization.id] });
      expect(second).toEqual(first);
      expect(stack.complianceStats()).toEqual({ evaluated: 2, reused: 2 });
    } finally {
      await stack.close();
    }
  }, 120_000);
});
