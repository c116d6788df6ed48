import { CelScalar, type CelEnv, type CelType } from '@bufbuild/cel';
import type {
  Constant,
  Expr,
  Expr_Call,
  Expr_Comprehension,
  Expr_CreateStruct,
  Expr_Select,
} from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import {
  commonType,
  isAssignable,
  isComparable,
  isDyn,
  isScalar,
  listOf,
  mapOf,
  typeName,
} from './static-types';

/**
 * A static type checker for policy expressions. @bufbuild/cel 0.6 evaluates CEL faithfully but
 * ships no checker, so this one finds, before a policy is saved, the mistakes that CEL's own
 * checker (cel-go, which Kubernetes runs) finds when `object` is declared `dyn`: undeclared names,
 * unknown functions, arguments no overload accepts, field selection on a scalar, comparisons that
 * can never hold, out-of-range literals and the result type. What depends on the manifest's
 * shape is only known at run time and is reported there as a violation.
 */

/** Why the expression is ill-typed, and the node to point at. */
export type TypeError = { readonly nodeId: bigint; readonly reason: string };
export type TypeCheckResult = { readonly type: CelType } | { readonly error: TypeError };

/** The variables a policy sees: one manifest, of any shape. */
const GLOBALS: ReadonlyMap<string, CelType> = new Map([['object', CelScalar.DYN]]);
/** Type names usable as values, as in `type(x) == string`. */
const TYPE_NAMES = new Set([
  'bool',
  'bytes',
  'double',
  'int',
  'list',
  'map',
  'null_type',
  'string',
  'type',
  'uint',
]);
const MACROS = new Set(['has', 'all', 'exists', 'exists_one', 'map', 'filter']);
const MAP_KEY_TYPES = new Set(['int', 'uint', 'bool', 'string', 'dyn']);
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const UINT64_MAX = 2n ** 64n - 1n;

class TypeCheckFailure extends Error {
  constructor(
    readonly nodeId: bigint,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Infers the type of `root`, or explains the first type error found. */
export function checkTypes(root: Expr, env: CelEnv): TypeCheckResult {
  try {
    return { type: new Checker(env).check(root, []) };
  } catch (error) {
    if (error instanceof TypeCheckFailure) return { error: { nodeId: error.nodeId, reason: error.reason } };
    throw error;
  }
}

type Scope = readonly ReadonlyMap<string, CelType>[];

class Checker {
  constructor(private readonly env: CelEnv) {}

  check(expr: Expr, scope: Scope): CelType {
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'constExpr':
        return this.constant(expr.id, kind.value);
      case 'identExpr':
        return this.identifier(expr.id, kind.value.name, scope);
      case 'selectExpr':
        return this.select(expr.id, kind.value, scope);
      case 'callExpr':
        return this.call(expr.id, kind.value, scope);
      case 'listExpr':
        return listOf(commonType(kind.value.elements.map((element) => this.check(element, scope))));
      case 'structExpr':
        return this.struct(expr.id, kind.value, scope);
      case 'comprehensionExpr':
        return this.comprehension(expr.id, kind.value, scope);
      default:
        throw new TypeCheckFailure(expr.id, 'unsupported expression');
    }
  }

  private constant(id: bigint, constant: Constant): CelType {
    const value = constant.constantKind;
    switch (value.case) {
      case 'boolValue':
        return CelScalar.BOOL;
      case 'bytesValue':
        return CelScalar.BYTES;
      case 'doubleValue':
        return CelScalar.DOUBLE;
      case 'stringValue':
        return CelScalar.STRING;
      case 'nullValue':
        return CelScalar.NULL;
      case 'int64Value':
        if (value.value < INT64.min || value.value > INT64.max)
          throw new TypeCheckFailure(id, 'integer literal out of range');
        return CelScalar.INT;
      case 'uint64Value':
        if (value.value > UINT64_MAX) throw new TypeCheckFailure(id, 'unsigned integer literal out of range');
        return CelScalar.UINT;
      default:
        throw new TypeCheckFailure(id, `unsupported literal: ${String(value.case)}`);
    }
  }

  private identifier(id: bigint, name: string, scope: Scope): CelType {
    for (let index = scope.length - 1; index >= 0; index -= 1) {
      const type = scope[index]?.get(name);
      if (type !== undefined) return type;
    }
    const global = GLOBALS.get(name);
    if (global !== undefined) return global;
    if (TYPE_NAMES.has(name)) return CelScalar.TYPE;
    throw new TypeCheckFailure(id, `undeclared reference to '${name}'`);
  }

  private select(id: bigint, select: Expr_Select, scope: Scope): CelType {
    if (select.operand === undefined) throw new TypeCheckFailure(id, 'field selection without an operand');
    const operand = this.check(select.operand, scope);
    if (!isDyn(operand) && operand.kind !== 'map') {
      const action = select.testOnly
        ? `has() cannot test field '${select.field}' of`
        : `cannot select field '${select.field}' from`;
      throw new TypeCheckFailure(id, `${action} a value of type '${typeName(operand)}'`);
    }
    if (select.testOnly) return CelScalar.BOOL;
    return operand.kind === 'map' ? operand.value : CelScalar.DYN;
  }

  private struct(id: bigint, struct: Expr_CreateStruct, scope: Scope): CelType {
    if (struct.messageName !== '') {
      throw new TypeCheckFailure(id, `message construction is not supported: ${struct.messageName}{...}`);
    }
    const keys: CelType[] = [];
    const values: CelType[] = [];
    for (const entry of struct.entries) {
      if (entry.keyKind.case !== 'mapKey' || entry.value === undefined)
        throw new TypeCheckFailure(entry.id, 'malformed map entry');
      keys.push(this.check(entry.keyKind.value, scope));
      values.push(this.check(entry.value, scope));
    }
    const key = commonType(keys);
    if (!MAP_KEY_TYPES.has(key.name))
      throw new TypeCheckFailure(id, `unsupported map key type: ${typeName(key)}`);
    return mapOf(key, commonType(values));
  }

  private comprehension(id: bigint, loop: Expr_Comprehension, scope: Scope): CelType {
    const { iterRange, accuInit, loopCondition, loopStep, result } = loop;
    if (!iterRange || !accuInit || !loopCondition || !loopStep || !result)
      throw new TypeCheckFailure(id, 'malformed macro');
    if (loop.iterVar2 !== '') throw new TypeCheckFailure(id, 'macros with two variables are not supported');
    const range = this.check(iterRange, scope);
    const element =
      range.kind === 'list'
        ? range.element
        : range.kind === 'map'
          ? range.key
          : isDyn(range)
            ? range
            : undefined;
    if (element === undefined) {
      throw new TypeCheckFailure(
        iterRange.id,
        `a value of type '${typeName(range)}' cannot be iterated (a list or map is needed)`,
      );
    }
    const accumulator = this.check(accuInit, scope);
    const loopScope = [
      ...scope,
      new Map([
        [loop.accuVar, accumulator],
        [loop.iterVar, element],
      ]),
    ];
    const condition = this.check(loopCondition, loopScope);
    if (!isDyn(condition) && !isScalar(condition, 'bool'))
      throw new TypeCheckFailure(loopCondition.id, 'macro condition is not a boolean');
    const step = this.check(loopStep, loopScope);
    return this.check(result, [...scope, new Map([[loop.accuVar, commonType([accumulator, step])]])]);
  }

  private call(id: bigint, call: Expr_Call, scope: Scope): CelType {
    const name = call.function;
    if (MACROS.has(name)) throw new TypeCheckFailure(id, macroMisuse(name));
    const target = call.target === undefined ? undefined : this.check(call.target, scope);
    const args = call.args.map((arg) => this.check(arg, scope));
    switch (name) {
      case '_&&_':
      case '_||_':
        if (!args.every((arg) => isDyn(arg) || isScalar(arg, 'bool')))
          throw noOverload(id, name, undefined, args);
        return CelScalar.BOOL;
      case '@not_strictly_false':
      case '__not_strictly_false__':
        return CelScalar.BOOL;
      case '_?_:_':
        return conditional(id, args);
      case '_[_]':
        return index(id, args);
      case '_==_':
      case '_!=_':
        if (args.length === 2 && !isComparable(args[0]!, args[1]!))
          throw noOverload(id, name, undefined, args);
        return CelScalar.BOOL;
      default:
        return this.overload(id, name, target, args);
    }
  }

  /** Resolves a standard function against its overloads, as CEL's checker does. */
  private overload(id: bigint, name: string, target: CelType | undefined, args: CelType[]): CelType {
    const group = this.env.funcs.find(name);
    if (group === undefined) {
      throw new TypeCheckFailure(id, `undeclared reference to '${name}'`);
    }
    const matching = [...group].filter(
      (fn) =>
        (fn.target === undefined) === (target === undefined) &&
        (fn.target === undefined || target === undefined || isAssignable(target, fn.target)) &&
        fn.arguments.length === args.length &&
        fn.arguments.every((parameter, position) => isAssignable(args[position]!, parameter)),
    );
    if (matching.length === 0) throw noOverload(id, name, target, args);
    return commonType(matching.map((fn) => fn.result));
  }
}

function conditional(id: bigint, args: CelType[]): CelType {
  const [condition, whenTrue, whenFalse] = args;
  if (condition === undefined || whenTrue === undefined || whenFalse === undefined)
    throw noOverload(id, '_?_:_', undefined, args);
  if (!isDyn(condition) && !isScalar(condition, 'bool')) throw noOverload(id, '_?_:_', undefined, args);
  if (isDyn(whenTrue) || isDyn(whenFalse)) return CelScalar.DYN;
  if (isScalar(whenTrue, 'null_type')) return whenFalse;
  if (isScalar(whenFalse, 'null_type')) return whenTrue;
  if (!isAssignable(whenTrue, whenFalse) || !isAssignable(whenFalse, whenTrue))
    throw noOverload(id, '_?_:_', undefined, args);
  return commonType([whenTrue, whenFalse]);
}

function index(id: bigint, args: CelType[]): CelType {
  const [container, key] = args;
  if (container === undefined || key === undefined) throw noOverload(id, '_[_]', undefined, args);
  if (isDyn(container)) return CelScalar.DYN;
  if (container.kind === 'list' && (isDyn(key) || isScalar(key, 'int') || isScalar(key, 'uint')))
    return container.element;
  if (container.kind === 'map' && isAssignable(key, container.key)) return container.value;
  throw noOverload(id, '_[_]', undefined, args);
}

function noOverload(
  id: bigint,
  name: string,
  target: CelType | undefined,
  args: readonly CelType[],
): TypeCheckFailure {
  const receiver = target === undefined ? '' : `${typeName(target)}.`;
  return new TypeCheckFailure(
    id,
    `found no matching overload for '${name}' applied to '${receiver}(${args.map(typeName).join(', ')})'`,
  );
}

function macroMisuse(name: string): string {
  if (name === 'has') return 'has() takes one field selection, e.g. has(object.spec.hostNetwork)';
  return `${name}() takes a variable name and an expression, e.g. object.spec.containers.${name}(c, has(c.image))`;
}
