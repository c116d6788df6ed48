import { randomUUID } from 'node:crypto';
import { KUBERNETES_MANIFEST_RULE_ID } from '@controlplane/compliance';
import { viewsOf } from '../src/compliance/compliance-report';
import type { PolicyRecord } from '../src/compliance/policy-repository';
import { recordOf } from './records';

const organizationId = randomUUID();
const policy = recordOf<PolicyRecord>({
  organizationId,
  name: 'non-root',
  description: null,
  severity: 'HIGH',
  enforcement: 'DENY',
  kinds: ['Deployment'],
  expression: 'true',
  message: 'Run as non-root.',
});
const design = { id: randomUUID(), revision: 3 };

/** Guards the race between reading a cached evaluation and reading the policies it names. */
describe('viewsOf', () => {
  it("names each violation's policy, the built-in rule included, and leaves out a policy deleted meanwhile", () => {
    const views = viewsOf(organizationId, new Map([[policy.id, policy]]), design, [
      { policyId: policy.id, resource: 'Deployment/shop/web', message: 'Run as non-root.' },
      { policyId: randomUUID(), resource: 'Deployment/shop/web', message: 'A deleted policy.' },
      { policyId: KUBERNETES_MANIFEST_RULE_ID, resource: 'document 2', message: 'Not valid YAML.' },
    ]);
    expect(
      views.map((view) => [view.policy.name, view.resource, view.designId, view.designRevision]),
    ).toEqual([
      ['non-root', 'Deployment/shop/web', design.id, 3],
      ['Kubernetes manifests', 'document 2', design.id, 3],
    ]);
  });
});
