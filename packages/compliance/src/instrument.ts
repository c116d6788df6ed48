import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { callNode, countNodes, intNode, largestId, nodesOf } from './ast';
import { CHARGE_MACRO } from './metered-env';

/**
 * Rewrites every macro (comprehension) of a checked tree so that it pays for its work before
 * doing it: its range `r` becomes `@charge_macro(r, weight)`, which charges
 * `1 + size(r) × weight` and passes `r` through. `weight` is 1 plus the node count of the macro's
 * condition and step, an upper bound of what one iteration evaluates outside nested macros
 * (which pay for themselves when they start). So a macro is charged for its worst case over the
 * list or map it is actually given, even when `all` or `exists` stops early.
 *
 * Function calls alone could not bound this: `list.all(x, x > 0 && x < 9)` runs `&&`, field
 * selection and literals, none of which are functions. Mutates `root`, a tree parsed for this
 * compilation alone, and returns it.
 */
export function instrumentForCost(root: Expr): Expr {
  let nextId = largestId(root) + 1n;
  const freshId = () => nextId++;
  for (const expr of nodesOf(root)) {
    if (expr.exprKind.case !== 'comprehensionExpr') continue;
    const loop = expr.exprKind.value;
    if (loop.iterRange === undefined || loop.loopCondition === undefined || loop.loopStep === undefined)
      continue;
    const weight = 1 + countNodes(loop.loopCondition) + countNodes(loop.loopStep);
    loop.iterRange = callNode(freshId(), CHARGE_MACRO, [loop.iterRange, intNode(freshId(), BigInt(weight))]);
  }
  return root;
}
