import { DEMO_POLICIES } from '@controlplane/compliance';
import { useStack } from '@controlplane/testkit';
import { DEMO_PASSWORD, seedDemoData } from '../scripts/src/seed';

// A database of its own: the demo's users and organizations have fixed names, and its public
// catalog items would show up in other test files' searches of a shared one.
const { stack } = useStack({ isolatedDatabase: true });

/** Guards the demo's first impression: the PCI-scoped organization shows a compliance report at once. */
describe('the demo data', () => {
  it('gives payments the PCI-DSS-flavoured policy set and exactly one violation, and seeds it only once', async () => {
    await seedDemoData(stack.gatewayUrl);
    await seedDemoData(stack.gatewayUrl);

    const { logIn } = await stack.anonymous.data(
      `mutation ($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`,
      { e: 'sam@security.demo', p: DEMO_PASSWORD },
    );
    const auditor = stack.as(logIn.token);
    const { organization } = await auditor.data(`{ organization(slug: "payments") { id } }`);
    const { policies } = await auditor.data(
      `query ($o: ID!) { policies(organizationId: $o) { name enforcement } }`,
      { o: organization.id },
    );
    expect(policies.map((policy: { name: string }) => policy.name).sort()).toEqual(
      DEMO_POLICIES.map((policy) => policy.name).sort(),
    );

    const { complianceReport } = await auditor.data(
      `query ($o: [ID!]!) { complianceReport(organizationIds: $o) {
        policies designsEvaluated compliantDesigns
        violations { totalCount nodes { policy { name enforcement } design { name } resource } }
      } }`,
      { o: [organization.id] },
    );
    const [report] = complianceReport;
    expect(report.policies).toBe(DEMO_POLICIES.length);
    expect(report.compliantDesigns).toBe(report.designsEvaluated - 1);
    expect(report.violations).toEqual({
      totalCount: 1,
      nodes: [
        {
          policy: { name: 'CPU and memory limits set', enforcement: 'AUDIT' },
          design: { name: 'card-tokenizer' },
          resource: 'Deployment/payments/card-tokenizer',
        },
      ],
    });
  }, 300_000); // seeding the whole demo twice: well over 30 s on a loaded two-core machine
});
