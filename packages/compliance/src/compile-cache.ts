import { compilePolicy, type CompileResult } from './compile';

/** How many distinct expressions a cache keeps by default: far more than any organization's policies. */
export const DEFAULT_COMPILE_CACHE_SIZE = 1000;

/**
 * Compiled expressions by their text, least recently used evicted first. Refusals are cached too,
 * so a stored expression that no longer compiles is not parsed again for every design.
 */
export type CompileCache = {
  compile(expression: string): CompileResult;
  readonly size: number;
  /** Lookups answered from the cache (`hits`) and compilations (`misses`) since creation. */
  stats(): { readonly hits: number; readonly misses: number };
};

/** A bounded LRU cache of `compilePolicy` results. */
export function createCompileCache(maxEntries = DEFAULT_COMPILE_CACHE_SIZE): CompileCache {
  if (!Number.isInteger(maxEntries) || maxEntries < 1)
    throw new RangeError('maxEntries must be a positive integer');
  // A Map iterates in insertion order; re-inserting on every hit keeps the least recent first.
  const entries = new Map<string, CompileResult>();
  let hits = 0;
  let misses = 0;
  return {
    compile(expression) {
      const cached = entries.get(expression);
      if (cached !== undefined) {
        hits += 1;
        entries.delete(expression);
        entries.set(expression, cached);
        return cached;
      }
      misses += 1;
      const compiled = compilePolicy(expression);
      entries.set(expression, compiled);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return compiled;
    },
    get size() {
      return entries.size;
    },
    stats: () => ({ hits, misses }),
  };
}
