import { createCompileCache, evaluateDesign, KUBERNETES_MANIFEST_RULE_ID, type PolicyRule } from '../src';

const replicas: PolicyRule = {
  id: 'replicas',
  kinds: ['Deployment'],
  expression: 'object.spec.replicas >= 2',
  message: 'Deployments run at least two replicas.',
};
/** A policy on objects of every kind. */
function onEveryKind(id: string, expression: string, message: string): PolicyRule {
  return { id, kinds: [], expression, message };
}

const labelled = onEveryKind(
  'labelled',
  "has(object.metadata.labels) && 'team' in object.metadata.labels",
  'Every object names its team.',
);

const web = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, labels: {team: payments}}
spec: {replicas: 1}
`;
const settings = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {mode: strict}
`;

/** A violation as evaluateDesign answers it. */
function violationOf(policyId: string, resource: string, message: string) {
  return { policyId, resource, message };
}

function builtin(resource: string, message: string) {
  return violationOf(KUBERNETES_MANIFEST_RULE_ID, resource, message);
}

describe('evaluateDesign', () => {
  it('evaluates every document against every policy that applies to its kind, in document then policy order', () => {
    expect(evaluateDesign({ content: `${web}---\n${settings}`, policies: [replicas, labelled] })).toEqual([
      violationOf('replicas', 'Deployment/shop/web', 'Deployments run at least two replicas.'),
      violationOf('labelled', 'ConfigMap//settings', 'Every object names its team.'),
    ]);
  });

  it('returns no violations for a compliant design', () => {
    const compliant = web.replace('replicas: 1', 'replicas: 3');
    expect(evaluateDesign({ content: compliant, policies: [replicas, labelled] })).toEqual([]);
  });

  it('applies a policy with kinds only to those kinds, compared exactly', () => {
    const lowercase = { ...replicas, kinds: ['deployment'] };
    expect(evaluateDesign({ content: web, policies: [lowercase] })).toEqual([]);
  });

  it('reads JSON content, which is YAML', () => {
    const json = JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api' },
      spec: { replicas: 1 },
    });
    expect(evaluateDesign({ content: json, policies: [replicas] })).toEqual([
      violationOf('replicas', 'Deployment//api', 'Deployments run at least two replicas.'),
    ]);
  });

  it("adds the runtime error to the policy's message when the expression cannot decide", () => {
    const strict = { ...replicas, expression: 'object.spec.strategy.type == "Recreate"' };
    expect(evaluateDesign({ content: web, policies: [strict] })).toEqual([
      violationOf(
        'replicas',
        'Deployment/shop/web',
        'Deployments run at least two replicas. (expression failed: no such key: strategy)',
      ),
    ]);
  });

  it('reports a stored expression that no longer compiles on every manifest it applies to, rather than skipping it', () => {
    const broken = { ...replicas, expression: 'object.spec.replicas >= ' };
    const [violation, ...others] = evaluateDesign({ content: web, policies: [broken] });
    expect(others).toEqual([]);
    expect(violation?.message).toMatch(
      /^Deployments run at least two replicas\. \(expression does not compile: syntax error: /,
    );
  });

  it('passes the cost limit to every evaluation', () => {
    const items = onEveryKind('items', 'object.data.items.all(x, x >= 0)', 'Items are not negative.');
    const content =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {items: [1, 2, 3, 4, 5, 6, 7, 8]}\n';
    expect(evaluateDesign({ content, policies: [items] })).toEqual([]);
    expect(evaluateDesign({ content, policies: [items], costLimit: 20 })).toEqual([
      violationOf(
        'items',
        'ConfigMap//c',
        'Items are not negative. (expression exceeded its cost limit of 20 units)',
      ),
    ]);
  });

  it('reads integers as CEL ints, decimals as doubles, and integers beyond 64 bits as doubles', () => {
    const typed = onEveryKind(
      'typed',
      'type(object.a) == int && type(object.b) == double && type(object.c) == double',
      'Typed.',
    );
    const content =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\na: 3\nb: 0.5\nc: 99999999999999999999\n';
    expect(evaluateDesign({ content, policies: [typed] })).toEqual([]);
  });

  describe('the built-in Kubernetes manifest rule', () => {
    it('reports invalid YAML with its line, and still evaluates the valid documents', () => {
      const content = `${web}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: tabs\n`;
      expect(evaluateDesign({ content, policies: [replicas] })).toEqual([
        violationOf('replicas', 'Deployment/shop/web', 'Deployments run at least two replicas.'),
        builtin('document 2', 'Not valid YAML: Tabs are not allowed as indentation at line 9, column 1.'),
      ]);
    });

    it('refuses duplicate keys, which leave it ambiguous which value the cluster would get', () => {
      const content = 'apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: {name: twice}\n';
      expect(evaluateDesign({ content, policies: [] })).toEqual([
        builtin('document 1', 'Not valid YAML: Map keys must be unique at line 3, column 1.'),
      ]);
    });

    it('reports documents that are not mappings, numbering every document of the stream', () => {
      const content = `${settings}---\n---\n[1, 2]\n---\njust text\n`;
      expect(evaluateDesign({ content, policies: [labelled] })).toEqual([
        violationOf('labelled', 'ConfigMap//settings', 'Every object names its team.'),
        builtin('document 3', 'Not a Kubernetes object: the document is a list, not a mapping.'),
        builtin('document 4', 'Not a Kubernetes object: the document is a string, not a mapping.'),
      ]);
    });

    it('reports missing apiVersion, kind or metadata.name, naming the resource when it can', () => {
      const content = 'kind: Deployment\nmetadata: {name: web}\n---\napiVersion: v1\nkind: 3\nmetadata: {}\n';
      expect(evaluateDesign({ content, policies: [labelled] })).toEqual([
        builtin('Deployment//web', 'Not a Kubernetes object: apiVersion must be a non-empty string.'),
        builtin('document 2', 'Not a Kubernetes object: kind and metadata.name must be non-empty strings.'),
      ]);
    });

    it('ignores empty documents and empty content', () => {
      expect(evaluateDesign({ content: '', policies: [labelled] })).toEqual([]);
      expect(evaluateDesign({ content: '---\n# nothing here\n---\n', policies: [labelled] })).toEqual([]);
    });

    it('reports YAML nested too deeply for the parser as invalid, without throwing', () => {
      const [violation, ...others] = evaluateDesign({
        content: `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
        policies: [labelled],
      });
      expect(others).toEqual([]);
      expect(violation).toMatchObject({ policyId: KUBERNETES_MANIFEST_RULE_ID, resource: 'document 1' });
      expect(violation?.message).toMatch(
        /^Not valid YAML: Maximum call stack size exceeded at line 1, column \d+\.$/,
      );
    });

    it('refuses an alias bomb instead of expanding it', () => {
      const levels = Array.from(
        { length: 10 },
        (_, level) => `l${level + 1}: &l${level + 1} [${Array(9).fill(`*l${level}`).join(', ')}]`,
      );
      const content = [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: bomb}',
        'l0: &l0 [lol]',
        ...levels,
      ].join('\n');
      expect(evaluateDesign({ content, policies: [labelled] })).toEqual([
        builtin(
          'document 1',
          'Document could not be read: Excessive alias count indicates a resource exhaustion attack',
        ),
      ]);
    });

    it('refuses content over 1 MiB', () => {
      const content = `${settings}padding: ${'x'.repeat(1024 * 1024)}\n`;
      expect(evaluateDesign({ content, policies: [labelled] })).toEqual([
        builtin(
          'document 1',
          `Design content is ${Buffer.byteLength(content)} bytes; designs over 1 MiB are not evaluated.`,
        ),
      ]);
    });
  });

  it('compiles each expression once across 1,000 designs and 10 policies', () => {
    const cache = createCompileCache();
    const policies = Array.from({ length: 10 }, (_, index) => ({
      ...labelled,
      id: `p${index}`,
      expression: `object.metadata.name != 'settings-${index}'`,
    }));
    const violations = Array.from({ length: 1000 }, (_, design) =>
      evaluateDesign({ content: settings.replace('settings', `settings-${design}`), policies, cache }),
    ).flat();
    expect(cache.stats()).toEqual({ hits: 9990, misses: 10 });
    // Each of the first ten designs breaks exactly the policy with its number.
    expect(violations.map((violation) => `${violation.resource} ${violation.policyId}`)).toEqual(
      Array.from({ length: 10 }, (_, index) => `ConfigMap//settings-${index} p${index}`),
    );
  });
});
