import { isCelList, isCelMap, type CelValue } from '@bufbuild/cel';

/** Thrown inside a CEL function when the budget is spent; the evaluator turns it into a CEL error. */
export class CostLimitExceeded extends Error {
  constructor(readonly limit: number) {
    super(`cost limit of ${limit} units exceeded`);
  }
}

/**
 * The cost budget of one evaluation. Evaluation is synchronous, so one meter can serve every
 * program: `start` before each run gives that run its own budget.
 *
 * Once the limit is crossed every further charge throws, so each later call on sized operands
 * and each macro that starts fails at once. What still runs are the remaining iterations of
 * macros already under way, each of which paid for all its iterations when it started: the work
 * of one evaluation stays within the limit, plus the expression's own nodes.
 */
export class CostMeter {
  private spentUnits = 0;
  private limit = 0;

  start(limit: number): void {
    this.spentUnits = 0;
    this.limit = limit;
  }

  /** Units charged since `start`, the charge that crossed the limit included. */
  get spent(): number {
    return this.spentUnits;
  }

  get exceeded(): boolean {
    return this.spentUnits > this.limit;
  }

  get remaining(): number {
    return Math.max(0, this.limit - this.spentUnits);
  }

  /** Adds `units`, or throws if the limit is crossed now or was before (then adding nothing). */
  charge(units: number): void {
    if (this.exceeded) throw new CostLimitExceeded(this.limit);
    this.spentUnits += units;
    if (this.exceeded) throw new CostLimitExceeded(this.limit);
  }
}

/** Elements or characters a function reads from a value without looking inside its elements. */
export function shallowSize(value: CelValue | undefined): number {
  if (typeof value === 'string' || value instanceof Uint8Array) return value.length;
  if (isCelList(value) || isCelMap(value)) return value.size;
  return 0;
}

/**
 * Every value, element and character inside `value` (what deep equality may read), counted up to
 * just past `cap` and no further, so measuring never costs more than the budget it guards.
 */
export function deepSize(value: CelValue, cap: number): number {
  if (typeof value !== 'object' || value === null) return 1 + (typeof value === 'string' ? value.length : 0);
  let size = 0;
  const pending: CelValue[] = [value];
  const hasRoom = () => size + pending.length <= cap;
  for (let next = pending.pop(); next !== undefined && size <= cap; next = pending.pop()) {
    size += 1 + (typeof next === 'string' || next instanceof Uint8Array ? next.length : 0);
    if (isCelList(next)) {
      for (const element of next) {
        if (!hasRoom()) break;
        pending.push(element);
      }
    } else if (isCelMap(next)) {
      for (const [key, element] of next) {
        if (!hasRoom()) break;
        pending.push(key as CelValue, element);
      }
    }
  }
  return size;
}
