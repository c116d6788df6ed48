import {
  celEnv,
  celFunc,
  celList,
  celMethod,
  CelScalar,
  isCelError,
  listType,
  type CelEnv,
  type CelFunc,
  type CelType,
  type CelValue,
} from '@bufbuild/cel';
import { deepSize, shallowSize, type CostMeter } from './cost-meter';

/** Called by the instrumented tree (see `instrument.ts`) with the range of each macro. */
export const CHARGE_MACRO = '@charge_macro';

/** Functions whose work grows with everything inside their operands, not just their length. */
const DEEP_COST_FUNCTIONS = new Set(['_==_', '_!=_', '@in']);

/**
 * `list + list` as a new flat list. The standard one returns a view over both operands, so the
 * list a `map` or `filter` macro builds, one `+` per element, is a chain as deep as it is long:
 * reading it costs its length per element and overflows the stack past some thousands. Copying
 * costs what the metered `+` charges anyway (the length of both operands).
 */
const FLAT_LIST_CONCAT = celFunc(
  '_+_',
  [listType(CelScalar.DYN), listType(CelScalar.DYN)],
  listType(CelScalar.DYN),
  (left, right) => celList([...left, ...right]),
);

/** The environment the type checker resolves names against: `object` plus the standard library. */
export const CHECKING_ENV: CelEnv = celEnv({ variables: { object: CelScalar.DYN } });

/**
 * An environment in which every standard function whose work grows with its operands (string,
 * bytes, list and map operations, equality, `in`) first charges `meter` one unit plus the length
 * of each operand, or for equality and `in` everything inside them. The charge comes before the
 * call, so no call runs on a spent budget, and no value grows past about twice what was paid
 * for. Calls on numbers and booleans take constant time and are paid for as expression nodes,
 * by the macro charge of `instrument.ts`.
 */
export function createMeteredEnv(meter: CostMeter): CelEnv {
  const metered = [...CHECKING_ENV.funcs, FLAT_LIST_CONCAT]
    .filter(readsSizedOperands)
    .map((fn) => chargeBefore(fn, meter));
  const chargeMacro = celFunc(
    CHARGE_MACRO,
    [CelScalar.DYN, CelScalar.INT],
    CelScalar.DYN,
    (range, weight) => {
      meter.charge(1 + shallowSize(range) * Number(weight));
      return range;
    },
  );
  return celEnv({ variables: { object: CelScalar.DYN }, funcs: [...metered, chargeMacro] });
}

function readsSizedOperands(fn: CelFunc): boolean {
  return [fn.target, ...fn.arguments].some((type) => type !== undefined && mayBeSized(type));
}

function mayBeSized(type: CelType): boolean {
  return type.kind === 'list' || type.kind === 'map' || ['string', 'bytes', 'dyn'].includes(type.name);
}

/** The same function (same name and signature, so it replaces the original), charging first. */
function chargeBefore(fn: CelFunc, meter: CostMeter): CelFunc {
  const size = DEEP_COST_FUNCTIONS.has(fn.name)
    ? (value: CelValue) => deepSize(value, meter.remaining)
    : shallowSize;
  const invoke = (target: CelValue | undefined, args: CelValue[]): CelValue => {
    let units = 1 + (target === undefined ? 0 : size(target));
    for (const arg of args) units += size(arg);
    meter.charge(units);
    const result = fn.call(0, target, args);
    // The wrapper has the original's signature, so the original always accepts these arguments.
    if (result === undefined) throw new Error(`no overload of ${fn.id} accepted its own arguments`);
    if (isCelError(result)) throw result;
    return result;
  };
  if (fn.target === undefined) {
    return celFunc(fn.name, fn.arguments, fn.result, (...args: CelValue[]) => invoke(undefined, args));
  }
  return celMethod(
    fn.name,
    fn.target,
    fn.arguments,
    fn.result,
    function (this: CelValue, ...args: CelValue[]) {
      return invoke(this, args);
    },
  );
}
