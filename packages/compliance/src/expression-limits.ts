import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { childrenOf } from './ast';
import { MAX_EXPRESSION_DEPTH, MAX_MACRO_NESTING } from './limits';

/** The first structural limit an expression exceeds, and the node where it does. */
export type LimitExceeded = { readonly nodeId: bigint; readonly reason: string };

/**
 * Checks the shape limits of `limits.ts` on a parsed expression: tree depth, and how deeply
 * macros (comprehensions) nest in one another's bodies. A macro's range is evaluated once, so
 * `a.map(x, x).all(y, p)` is a chain, not nesting; only its condition and step repeat.
 * Iterative, so a tree too deep for recursion is measured safely.
 */
export function findExceededLimit(root: Expr): LimitExceeded | undefined {
  const pending: { expr: Expr; depth: number; nesting: number }[] = [{ expr: root, depth: 1, nesting: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { expr, depth, nesting } = next;
    if (depth > MAX_EXPRESSION_DEPTH) {
      return {
        nodeId: expr.id,
        reason: `expression is nested more than ${MAX_EXPRESSION_DEPTH} levels deep`,
      };
    }
    const loop = expr.exprKind.case === 'comprehensionExpr' ? expr.exprKind.value : undefined;
    if (loop !== undefined && nesting + 1 > MAX_MACRO_NESTING) {
      return {
        nodeId: expr.id,
        reason: `macros (all, exists, map, filter…) are nested more than ${MAX_MACRO_NESTING} deep`,
      };
    }
    const repeated = new Set(loop === undefined ? [] : [loop.loopCondition, loop.loopStep]);
    for (const child of childrenOf(expr)) {
      const childNesting = loop !== undefined && repeated.has(child) ? nesting + 1 : nesting;
      pending.push({ expr: child, depth: depth + 1, nesting: childNesting });
    }
  }
  return undefined;
}
