import { celType, type CelInput, type CelResult } from '@bufbuild/cel';
import type { CostMeter } from './cost-meter';
import { PreparedManifest } from './prepared-manifest';
import { typeName } from './static-types';
import type { Manifest } from './types';

/** A planned CEL program: @bufbuild/cel's reusable evaluation function. */
export type Program = (bindings: { object: CelInput }) => CelResult;

/**
 * The outcome of one policy against one manifest. `failed` means the expression returned false;
 * `error` means it could not decide (runtime error, non-boolean result, cost limit), which
 * counts as a violation too, with `detail` saying why. `cost` is the units spent.
 */
export type PolicyResult =
  | { readonly status: 'passed'; readonly cost: number }
  | { readonly status: 'failed'; readonly cost: number }
  | { readonly status: 'error'; readonly cost: number; readonly detail: string };

/**
 * Runs `program` on `object` within `costLimit` units and never throws. The budget is checked
 * after the run as well as during it: an error that `||` or `&&` absorbed (`expensive || true`)
 * still leaves the meter over its limit, and such a result is not trusted.
 */
export function runProgram(
  program: Program,
  meter: CostMeter,
  object: Manifest | PreparedManifest,
  costLimit: number,
): PolicyResult {
  meter.start(costLimit);
  let result: CelResult | Error;
  try {
    const input = object instanceof PreparedManifest ? object.input : new PreparedManifest(object).input;
    result = program({ object: input });
  } catch (error) {
    // @bufbuild/cel returns errors rather than throwing, but a stack overflow on a pathological
    // value (a list built by thousands of concatenations, a manifest nested thousands deep) throws.
    result = error instanceof Error ? error : new Error(String(error));
  }
  const cost = meter.spent;
  if (meter.exceeded)
    return { status: 'error', cost, detail: `expression exceeded its cost limit of ${costLimit} units` };
  if (result instanceof Error)
    return { status: 'error', cost, detail: `expression failed: ${describeError(result)}` };
  if (typeof result !== 'boolean') {
    return {
      status: 'error',
      cost,
      detail: `expression did not return a boolean (it returned ${typeName(celType(result))})`,
    };
  }
  return { status: result ? 'passed' : 'failed', cost };
}

/**
 * @bufbuild/cel's messages, in the words Kubernetes users know from cel-go where they differ:
 * a missing map key is "no such key", not "field not found".
 */
function describeError(error: Error): string {
  return error.message.replace(/^field not found: /, 'no such key: ');
}
