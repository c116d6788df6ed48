import { prepareManifest, type Manifest, type PolicyResult } from '../src';
import { compiled } from './fixtures';

function detailOf(result: PolicyResult): string | undefined {
  return result.status === 'error' ? result.detail : undefined;
}

const web: Manifest = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas: 3n,
    ratio: 0.5,
    template: { spec: { containers: [{ name: 'app', image: 'registry.example.com/web' }] } },
  },
};

describe('CompiledPolicy.evaluate', () => {
  it('passes when the expression returns true and fails when it returns false', () => {
    expect(compiled('object.spec.replicas >= 2').evaluate(web).status).toBe('passed');
    expect(compiled('object.spec.replicas >= 5').evaluate(web).status).toBe('failed');
  });

  it('reports a missing field as an error with the key, in the words of cel-go', () => {
    const result = compiled(
      'object.spec.template.spec.containers.all(c, c.securityContext.runAsNonRoot == true)',
    ).evaluate(web);
    expect(detailOf(result)).toBe('expression failed: no such key: securityContext');
  });

  it('reports division by zero, a runtime type mismatch and an index out of range as errors', () => {
    expect(detailOf(compiled('object.spec.replicas / 0 == 1').evaluate(web))).toBe(
      'expression failed: int divide by zero',
    );
    expect(detailOf(compiled('object.metadata.name > 1').evaluate(web))).toMatch(
      /^expression failed: found no matching overload for '_>_' applied to '\(string, int\)'/,
    );
    expect(detailOf(compiled("object.spec.template.spec.containers[3].name == 'x'").evaluate(web))).toMatch(
      /^expression failed: .*index/,
    );
  });

  it('reports a result that is not a boolean, with its type', () => {
    expect(detailOf(compiled('object.spec.replicas').evaluate(web))).toBe(
      'expression did not return a boolean (it returned int)',
    );
  });

  it('treats bigints as CEL ints and numbers as doubles', () => {
    expect(
      compiled('type(object.spec.replicas) == int && object.spec.replicas == 3').evaluate(web).status,
    ).toBe('passed');
    expect(
      compiled('type(object.spec.ratio) == double && object.spec.ratio == 0.5').evaluate(web).status,
    ).toBe('passed');
  });

  it('follows CEL in letting `||` absorb an error when the other side is true', () => {
    expect(compiled('object.spec.missing == 1 || object.spec.replicas == 3').evaluate(web).status).toBe(
      'passed',
    );
    expect(compiled('object.spec.missing == 1 || object.spec.replicas == 4').evaluate(web).status).toBe(
      'error',
    );
  });

  it('gives the same results for a prepared manifest as for the plain object', () => {
    const prepared = prepareManifest(web);
    for (const expression of [
      'object.spec.replicas == 3',
      'object.spec.replicas == 4',
      'object.spec.nope == 1',
    ]) {
      const policy = compiled(expression);
      expect(policy.evaluate(prepared)).toEqual(policy.evaluate(web));
    }
  });

  it('never throws, even for a manifest nested deeper than the stack', () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let level = 0; level < 200_000; level += 1) deep = { next: deep };
    const result = compiled('has(object.next)').evaluate(deep);
    expect(result.status).toBe('error');
    expect(detailOf(result)).toMatch(/^expression failed: Maximum call stack size exceeded/);
  });
});
