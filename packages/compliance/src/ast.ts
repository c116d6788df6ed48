import { create } from '@bufbuild/protobuf';
import { ConstantSchema, ExprSchema, type Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';

/**
 * Small helpers over the parsed CEL syntax tree (the `cel.expr.Expr` protobuf message that
 * @bufbuild/cel's parser returns and its planner executes).
 */

/** The direct sub-expressions of a node, in evaluation-independent source order. */
export function childrenOf(expr: Expr): Expr[] {
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'selectExpr':
      return present([kind.value.operand]);
    case 'callExpr':
      return present([kind.value.target, ...kind.value.args]);
    case 'listExpr':
      return kind.value.elements;
    case 'structExpr':
      return kind.value.entries.flatMap((entry) =>
        present([entry.keyKind.case === 'mapKey' ? entry.keyKind.value : undefined, entry.value]),
      );
    case 'comprehensionExpr': {
      const { iterRange, accuInit, loopCondition, loopStep, result } = kind.value;
      return present([iterRange, accuInit, loopCondition, loopStep, result]);
    }
    default:
      return [];
  }
}

function present(expressions: (Expr | undefined)[]): Expr[] {
  return expressions.filter((expr): expr is Expr => expr !== undefined);
}

/** Every node of the tree, parents before children. Iterative, so depth cannot overflow it. */
export function nodesOf(root: Expr): Expr[] {
  const nodes: Expr[] = [];
  const pending = [root];
  for (let expr = pending.pop(); expr !== undefined; expr = pending.pop()) {
    nodes.push(expr);
    pending.push(...childrenOf(expr));
  }
  return nodes;
}

/** How many nodes the tree has. */
export function countNodes(root: Expr): number {
  return nodesOf(root).length;
}

/** The largest node id in the tree, so that added nodes can take fresh ones. */
export function largestId(root: Expr): bigint {
  return nodesOf(root).reduce((largest, expr) => (expr.id > largest ? expr.id : largest), 0n);
}

/** A global function call node: `name(args...)`. */
export function callNode(id: bigint, name: string, args: Expr[]): Expr {
  return create(ExprSchema, { id, exprKind: { case: 'callExpr', value: { function: name, args } } });
}

/** An integer literal node. */
export function intNode(id: bigint, value: bigint): Expr {
  const constant = create(ConstantSchema, { constantKind: { case: 'int64Value', value } });
  return create(ExprSchema, { id, exprKind: { case: 'constExpr', value: constant } });
}
