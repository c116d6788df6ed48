import { compilePolicy, DEFAULT_COST_LIMIT, MAX_MACRO_NESTING, prepareManifest, type Manifest } from '../src';
import { compiled } from './fixtures';

/**
 * Hostile expressions end, with a violation saying the limit was hit, instead of hanging the
 * service. Each would run for minutes, or until memory ran out, without the cost meter; none of
 * these tests measures time: they assert the outcome.
 */

const LIMIT_HIT = `expression exceeded its cost limit of ${DEFAULT_COST_LIMIT} units`;

/** A manifest with a list of 300 integers and a short string: small for YAML, large for loops. */
const large: Manifest = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'large' },
  items: Array.from({ length: 300 }, (_, index) => BigInt(index)),
  name: 'abcdefghij',
};

describe('the cost limit', () => {
  it(`refuses macros nested more than ${MAX_MACRO_NESTING} deep when the policy is written`, () => {
    const result = compilePolicy(
      'object.items.all(a, object.items.all(b, object.items.all(c, object.items.all(d, a + b + c + d >= 0))))',
    );
    expect(result).toMatchObject({
      ok: false,
      error: { reason: 'macros (all, exists, map, filter…) are nested more than 3 deep' },
    });
  });

  it('lets chained macros through: a range is evaluated once, so a chain is not nesting', () => {
    expect(compilePolicy('object.items.map(a, a).map(b, b).map(c, c).map(d, d).all(e, e >= 0)').ok).toBe(
      true,
    );
  });

  it('stops three nested macros over a 300-element list (27 million iterations) at the limit', () => {
    const result = compiled(
      'object.items.all(a, object.items.all(b, object.items.all(c, a + b + c >= 0)))',
    ).evaluate(large);
    expect(result).toEqual({ status: 'error', cost: expect.any(Number), detail: LIMIT_HIT });
  });

  it('does not let `|| true` absorb the error of an exhausted budget into a pass', () => {
    const result = compiled(
      'object.items.all(a, object.items.all(b, object.items.all(c, a + b + c >= 0))) || true',
    ).evaluate(large);
    expect(result).toMatchObject({ status: 'error', detail: LIMIT_HIT });
  });

  it('stops a string that doubles at every step before it outgrows the budget', () => {
    const doubling = (steps: number) => `[object.name]${'.map(s, s + s)'.repeat(steps)}.all(s, size(s) > 0)`;
    // 2^60 characters would exhaust memory; 2^5 costs nothing.
    expect(compiled(doubling(60)).evaluate(large)).toMatchObject({ status: 'error', detail: LIMIT_HIT });
    expect(compiled(doubling(5)).evaluate(large)).toMatchObject({ status: 'passed' });
  });

  it('stops a list that doubles at every step', () => {
    const result = compiled(`[object.items]${'.map(l, l + l)'.repeat(60)}.all(l, size(l) > 0)`).evaluate(
      large,
    );
    expect(result).toMatchObject({ status: 'error', detail: LIMIT_HIT });
  });

  it('charges equality by everything it compares, not by the call', () => {
    const result = compiled('object.items.all(x, object == object)').evaluate(large);
    expect(result).toMatchObject({ status: 'error', detail: LIMIT_HIT });
  });

  it('charges `in` over a list by the list', () => {
    const result = compiled('object.items.all(x, object.items.all(y, x in object.items))').evaluate(large);
    expect(result).toMatchObject({ status: 'error', detail: LIMIT_HIT });
  });

  it('charges a macro for its whole range before it starts, even when it stops early', () => {
    const result = compiled('object.items.exists(x, x == 0)').evaluate(large);
    expect(result.status).toBe('passed');
    expect(result.cost).toBeGreaterThan(300);
  });

  it('takes a lower limit per evaluation, and a policy that fits the default does not fit it', () => {
    const policy = compiled('object.items.all(x, x >= 0)');
    expect(policy.evaluate(large)).toMatchObject({ status: 'passed' });
    expect(policy.evaluate(large, { costLimit: 100 })).toMatchObject({
      status: 'error',
      detail: 'expression exceeded its cost limit of 100 units',
    });
  });

  it('gives every evaluation a fresh budget: an exhausted run does not fail the next one', () => {
    const policy = compiled('object.items.all(x, x >= 0)');
    expect(policy.evaluate(large, { costLimit: 10 }).status).toBe('error');
    expect(policy.evaluate(large).status).toBe('passed');
  });

  it('costs an ordinary policy a few hundred units, far below the default limit', () => {
    const deployment = prepareManifest({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        template: {
          spec: {
            containers: ['a', 'b', 'c'].map((name) => ({ name, securityContext: { runAsNonRoot: true } })),
          },
        },
      },
    });
    const result = compiled(
      'object.spec.template.spec.containers.all(c, has(c.securityContext) && c.securityContext.runAsNonRoot == true)',
    ).evaluate(deployment);
    expect(result.status).toBe('passed');
    expect(result.cost).toBeLessThan(500);
  });
});
