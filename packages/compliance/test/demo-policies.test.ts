import { compilePolicy, DEMO_POLICIES, evaluateDesign, type PolicyTemplate } from '../src';
import { compliantContainer, cronJob, deployment, design, pod, type Container } from './fixtures';

function demoPolicy(name: string): PolicyTemplate {
  const policy = DEMO_POLICIES.find((candidate) => candidate.name === name);
  if (!policy) throw new Error(`no demo policy named ${name}`);
  return policy;
}

/** The resources that violate the named demo policy, with the message when it is not the policy's own. */
function violations(policyName: string, ...documents: Record<string, unknown>[]): string[] {
  const policy = demoPolicy(policyName);
  return evaluateDesign({ content: design(...documents), policies: [{ ...policy, id: policy.name }] }).map(
    (violation) =>
      violation.message === policy.message
        ? violation.resource
        : `${violation.resource}: ${violation.message}`,
  );
}

const app = compliantContainer('app');
const sidecar = compliantContainer('proxy');
const migrate = compliantContainer('migrate');
const withSecurity = (container: Container, securityContext: Record<string, unknown>): Container => ({
  ...container,
  securityContext,
});

describe('the demo policies', () => {
  it('are five valid policies with unique names and contract enums', () => {
    expect(DEMO_POLICIES).toHaveLength(5);
    expect(new Set(DEMO_POLICIES.map((policy) => policy.name)).size).toBe(5);
    for (const policy of DEMO_POLICIES) {
      expect({ name: policy.name, compiles: compilePolicy(policy.expression).ok }).toEqual({
        name: policy.name,
        compiles: true,
      });
      expect(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).toContain(policy.severity);
      expect(['AUDIT', 'DENY']).toContain(policy.enforcement);
    }
  });

  it('all pass a compliant Deployment, Pod and CronJob, and ignore kinds without pods', () => {
    const options = { containers: [app, sidecar], initContainers: [migrate] };
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { ports: [{ port: 80 }] },
    };
    const content = design(
      deployment('web', options),
      pod('debug', options),
      cronJob('report', options),
      service,
    );
    const policies = DEMO_POLICIES.map((policy) => ({ ...policy, id: policy.name }));
    expect(evaluateDesign({ content, policies })).toEqual([]);
  });

  describe('Containers run as non-root', () => {
    const name = 'Containers run as non-root';

    it('accepts a pod-level runAsNonRoot that containers do not override', () => {
      const { securityContext: _securityContext, ...silent } = app;
      expect(
        violations(
          name,
          pod('p', { containers: [silent], spec: { securityContext: { runAsNonRoot: true } } }),
        ),
      ).toEqual([]);
    });

    it('refuses one container of several that does not set it', () => {
      const root = withSecurity(sidecar, { privileged: false });
      expect(
        violations(
          name,
          deployment('web', { containers: [app, root] }),
          pod('p', { containers: [root, app] }),
        ),
      ).toEqual(['Deployment/shop/web', 'Pod/shop/p']);
    });

    it('refuses an init container running as root, even when every container is fine', () => {
      const rootInit = withSecurity(migrate, { runAsNonRoot: false });
      expect(violations(name, deployment('web', { containers: [app], initContainers: [rootInit] }))).toEqual([
        'Deployment/shop/web',
      ]);
    });

    it('refuses a container that overrides the pod-level setting with false', () => {
      const override = withSecurity(app, { runAsNonRoot: false });
      expect(
        violations(
          name,
          pod('p', { containers: [override], spec: { securityContext: { runAsNonRoot: true } } }),
        ),
      ).toEqual(['Pod/shop/p']);
    });

    it('finds the pod spec of a CronJob under its job template', () => {
      const root = withSecurity(app, {});
      expect(violations(name, cronJob('report', { containers: [root] }))).toEqual(['CronJob/shop/report']);
    });
  });

  describe('No privileged containers', () => {
    const name = 'No privileged containers';

    it('accepts containers without a security context', () => {
      expect(
        violations(name, pod('p', { containers: [{ name: 'bare', image: 'registry.example.com/bare' }] })),
      ).toEqual([]);
    });

    it('refuses a privileged sidecar and a privileged init container', () => {
      const privileged = (container: Container) =>
        withSecurity(container, { runAsNonRoot: true, privileged: true });
      expect(
        violations(
          name,
          pod('p', { containers: [app, privileged(sidecar)] }),
          deployment('web', { containers: [app], initContainers: [privileged(migrate)] }),
        ),
      ).toEqual(['Pod/shop/p', 'Deployment/shop/web']);
    });
  });

  describe('CPU and memory limits set', () => {
    const name = 'CPU and memory limits set';

    it('refuses a container with a CPU limit only, and one with requests but no limits', () => {
      const cpuOnly = { ...app, resources: { limits: { cpu: '1' } } };
      const requestsOnly = { ...sidecar, resources: { requests: { cpu: '1', memory: '1Gi' } } };
      expect(
        violations(
          name,
          deployment('a', { containers: [cpuOnly] }),
          deployment('b', { containers: [app, requestsOnly] }),
        ),
      ).toEqual(['Deployment/shop/a', 'Deployment/shop/b']);
    });

    it('refuses an init container without resources', () => {
      const { resources: _resources, ...unlimited } = migrate;
      expect(violations(name, pod('p', { containers: [app], initContainers: [unlimited] }))).toEqual([
        'Pod/shop/p',
      ]);
    });
  });

  describe('Images from the approved registry', () => {
    const name = 'Images from the approved registry';

    it('refuses a Docker Hub sidecar, a look-alike host and an init container from elsewhere', () => {
      const hub = { ...sidecar, image: 'docker.io/envoyproxy/envoy:v1.30' };
      const lookAlike = { ...app, image: 'registry.example.com.evil.io/shop/app:1' };
      const foreignInit = { ...migrate, image: 'ghcr.io/acme/migrate:2' };
      expect(
        violations(
          name,
          deployment('hub', { containers: [app, hub] }),
          pod('look-alike', { containers: [lookAlike] }),
          deployment('init', { containers: [app], initContainers: [foreignInit] }),
        ),
      ).toEqual(['Deployment/shop/hub', 'Pod/shop/look-alike', 'Deployment/shop/init']);
    });

    it('reports a container without an image with the reason', () => {
      const { image: _image, ...imageless } = app;
      expect(violations(name, pod('p', { containers: [imageless] }))).toEqual([
        `Pod/shop/p: ${demoPolicy(name).message} (expression failed: no such key: image)`,
      ]);
    });
  });

  describe('No host network', () => {
    const name = 'No host network';

    it('accepts hostNetwork absent or false, and refuses it true on a Pod and a Deployment', () => {
      expect(
        violations(
          name,
          pod('absent', { containers: [app] }),
          pod('off', { containers: [app], spec: { hostNetwork: false } }),
          pod('on', { containers: [app], spec: { hostNetwork: true } }),
          deployment('web', { containers: [app], spec: { hostNetwork: true } }),
        ),
      ).toEqual(['Pod/shop/on', 'Deployment/shop/web']);
    });
  });
});
