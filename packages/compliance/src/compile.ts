import { CelScalar, parse, plan, type CelType } from '@bufbuild/cel';
import type { ParsedExpr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { CostMeter } from './cost-meter';
import { findExceededLimit } from './expression-limits';
import { instrumentForCost } from './instrument';
import { DEFAULT_COST_LIMIT, MAX_EXPRESSION_BYTES } from './limits';
import { CHECKING_ENV, createMeteredEnv } from './metered-env';
import { runProgram, type PolicyResult, type Program } from './run-program';
import type { PreparedManifest } from './prepared-manifest';
import { positionAt } from './source-position';
import { isDyn, isScalar, typeName } from './static-types';
import { checkTypes } from './type-check';
import type { Manifest } from './types';

/**
 * Why an expression was refused, shaped as the `extensions` of a GraphQL BAD_USER_INPUT error
 * on `createPolicy` / `updatePolicy` (whose argument is `input.expression`). `line` and
 * `column` are 1-based; `reason` is a sentence for people, without the position.
 */
export type ExpressionError = {
  readonly field: 'input.expression';
  readonly line: number;
  readonly column: number;
  readonly reason: string;
};

export type EvaluateOptions = {
  /** Cost units this evaluation may spend; default `DEFAULT_COST_LIMIT`. */
  readonly costLimit?: number;
};

/** A checked expression, ready to run against any number of manifests. */
export type CompiledPolicy = {
  readonly expression: string;
  /** Runs the expression with `object` bound to `manifest`. Never throws. */
  evaluate(manifest: Manifest | PreparedManifest, options?: EvaluateOptions): PolicyResult;
};

/**
 * One meter and one metered environment serve every compiled program. Evaluation is synchronous
 * and calls nothing outside this package, so two runs never overlap, and each run starts the
 * meter afresh. (A worker thread loads its own copy of this module.)
 */
const meter = new CostMeter();
const meteredEnv = createMeteredEnv(meter);

export type CompileResult =
  | { readonly ok: true; readonly policy: CompiledPolicy }
  | { readonly ok: false; readonly error: ExpressionError };

/**
 * Parses and type-checks a policy expression (CEL, with `object` declared `dyn`), refuses one
 * whose result is known not to be a boolean or that exceeds the limits of `limits.ts`, and plans
 * it for evaluation under a cost budget. Never throws for any input string.
 */
export function compilePolicy(expression: string): CompileResult {
  const refuse = (offset: number, reason: string): CompileResult => ({
    ok: false,
    error: { field: 'input.expression', ...positionAt(expression, offset), reason },
  });
  const bytes = Buffer.byteLength(expression, 'utf8');
  if (bytes > MAX_EXPRESSION_BYTES)
    return refuse(0, `expression is ${bytes} bytes long; the limit is ${MAX_EXPRESSION_BYTES}`);
  if (expression.trim() === '') return refuse(0, 'expression is empty');

  let parsed: ParsedExpr & { expr: NonNullable<ParsedExpr['expr']> };
  try {
    parsed = parse(expression);
  } catch (error) {
    return refuse(syntaxErrorOffset(error), syntaxErrorReason(error));
  }
  // The parser places a binary operator's node where its operator clause starts, at the
  // whitespace after the left operand; the operator itself is where a person looks.
  const offsetOf = (nodeId: bigint) =>
    skipWhitespace(expression, parsed.sourceInfo?.positions[nodeId.toString()] ?? 0);

  const exceeded = findExceededLimit(parsed.expr);
  if (exceeded) return refuse(offsetOf(exceeded.nodeId), exceeded.reason);
  const checked = checkTypes(parsed.expr, CHECKING_ENV);
  if ('error' in checked) return refuse(offsetOf(checked.error.nodeId), checked.error.reason);
  if (!returnsBoolean(checked.type)) {
    return refuse(0, `expression must return a boolean, but it returns ${typeName(checked.type)}`);
  }

  instrumentForCost(parsed.expr);
  let program: Program;
  try {
    program = plan(meteredEnv, parsed);
  } catch (error) {
    return refuse(
      0,
      `expression cannot be evaluated: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return {
    ok: true,
    policy: {
      expression,
      evaluate: (manifest, options) =>
        runProgram(program, meter, manifest, options?.costLimit ?? DEFAULT_COST_LIMIT),
    },
  };
}

function skipWhitespace(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && /\s/.test(text.charAt(at))) at += 1;
  return at < text.length ? at : offset;
}

function returnsBoolean(type: CelType): boolean {
  return isDyn(type) || isScalar(type, CelScalar.BOOL.name);
}

/** The parser (peggy) reports the offset where it gave up; a stack overflow has none. */
function syntaxErrorOffset(error: unknown): number {
  const offset = (error as { location?: { start?: { offset?: unknown } } } | null)?.location?.start?.offset;
  return typeof offset === 'number' ? offset : 0;
}

function syntaxErrorReason(error: unknown): string {
  if (error instanceof RangeError) return 'expression is nested too deeply to parse';
  const raw = (error as { rawMessage?: unknown } | null)?.rawMessage;
  const message = typeof raw === 'string' ? raw : error instanceof Error ? error.message : String(error);
  return `syntax error: ${message}`;
}
