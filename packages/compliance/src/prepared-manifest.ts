import type { CelInput } from '@bufbuild/cel';
import type { Manifest } from './types';

/**
 * A manifest converted once into the shape @bufbuild/cel reads fastest: mappings as `Map`s.
 * Given a plain object, the evaluator copies its entries into a new Map on every field access
 * (`object.data.key` copies all of `data`), which is slow for many policies over one manifest
 * and, in a loop over a large mapping, work that no cost charge sees. Given Maps, every access
 * is constant time.
 */
export class PreparedManifest {
  /** @internal The converted value; read by the evaluator only. */
  readonly input: CelInput;

  constructor(manifest: Manifest) {
    this.input = toCelInput(manifest);
  }
}

/**
 * Converts a manifest for evaluation; worth it when several policies read the same manifest.
 * Recursive: a value nested deeper than the stack allows throws a RangeError.
 */
export function prepareManifest(manifest: Manifest): PreparedManifest {
  return new PreparedManifest(manifest);
}

function toCelInput(value: unknown): CelInput {
  if (Array.isArray(value)) return value.map(toCelInput);
  if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
    return new Map(Object.entries(value).map(([key, entry]) => [key, toCelInput(entry)]));
  }
  return value as CelInput;
}
