import { CelScalar, listType, mapType, type CelType } from '@bufbuild/cel';

/**
 * The static types the type checker reasons with: @bufbuild/cel's own type descriptors, so that
 * they compare directly with the argument types of its standard functions.
 */

const NUMERIC = new Set(['int', 'uint', 'double']);

export function isDyn(type: CelType): boolean {
  return type.kind === 'scalar' && type.name === 'dyn';
}

/** True when the type is known to be `name` (a scalar such as `bool`), not merely possibly so. */
export function isScalar(type: CelType, name: string): boolean {
  return type.kind === 'scalar' && type.name === name;
}

export function sameType(a: CelType, b: CelType): boolean {
  if (a.kind === 'list' && b.kind === 'list') return sameType(a.element, b.element);
  if (a.kind === 'map' && b.kind === 'map') return sameType(a.key, b.key) && sameType(a.value, b.value);
  return a.kind === b.kind && a.name === b.name;
}

/**
 * Whether a value of type `actual` may be passed where `expected` is declared. `dyn` on either
 * side defers the question to run time, as CEL's checker does.
 */
export function isAssignable(actual: CelType, expected: CelType): boolean {
  if (isDyn(actual) || isDyn(expected)) return true;
  if (actual.kind === 'list' && expected.kind === 'list')
    return isAssignable(actual.element, expected.element);
  if (actual.kind === 'map' && expected.kind === 'map') {
    return isAssignable(actual.key, expected.key) && isAssignable(actual.value, expected.value);
  }
  return actual.kind === expected.kind && actual.name === expected.name;
}

/**
 * Whether `==` between the two types can ever be true. CEL compares numbers across int, uint and
 * double, and anything with null; `1 == 'one'` is a mistake worth reporting.
 */
export function isComparable(a: CelType, b: CelType): boolean {
  if (isDyn(a) || isDyn(b) || isScalar(a, 'null_type') || isScalar(b, 'null_type')) return true;
  if (NUMERIC.has(a.name) && NUMERIC.has(b.name) && a.kind === 'scalar' && b.kind === 'scalar') return true;
  if (a.kind === 'list' && b.kind === 'list') return isComparable(a.element, b.element);
  if (a.kind === 'map' && b.kind === 'map')
    return isComparable(a.key, b.key) && isComparable(a.value, b.value);
  return a.kind === b.kind && a.name === b.name;
}

/** The type of a list or map literal's elements: their common type, or `dyn` when they differ. */
export function commonType(types: readonly CelType[]): CelType {
  const [first, ...rest] = types;
  if (first === undefined) return CelScalar.DYN;
  return rest.every((type) => sameType(type, first)) ? first : CelScalar.DYN;
}

export function listOf(element: CelType): CelType {
  return listType(element);
}

export function mapOf(key: CelType, value: CelType): CelType {
  return mapType(key as Parameters<typeof mapType>[0], value);
}

/** A type as CEL error messages write it: `int`, `list(string)`, `map(string, dyn)`. */
export function typeName(type: CelType): string {
  if (type.kind === 'list') return `list(${typeName(type.element)})`;
  if (type.kind === 'map') return `map(${typeName(type.key)}, ${typeName(type.value)})`;
  return type.name;
}
