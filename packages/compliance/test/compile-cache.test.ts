import { createCompileCache } from '../src';

describe('createCompileCache', () => {
  it('returns the same compiled policy for the same text without compiling again', () => {
    const cache = createCompileCache();
    const first = cache.compile('object.kind == "Pod"');
    expect(cache.compile('object.kind == "Pod"')).toBe(first);
    expect(cache.stats()).toEqual({ hits: 1, misses: 1 });
  });

  it('keys by exact text: whitespace makes a different entry', () => {
    const cache = createCompileCache();
    cache.compile('object.kind == "Pod"');
    cache.compile('object.kind  == "Pod"');
    expect(cache.size).toBe(2);
  });

  it('caches refusals too, so a broken stored expression is not parsed for every design', () => {
    const cache = createCompileCache();
    const refused = cache.compile('object.kind ==');
    expect(refused.ok).toBe(false);
    expect(cache.compile('object.kind ==')).toBe(refused);
    expect(cache.stats().misses).toBe(1);
  });

  it('evicts the least recently used expression when full', () => {
    const cache = createCompileCache(2);
    cache.compile('true');
    cache.compile('false');
    cache.compile('true'); // now "false" is the least recently used
    cache.compile('1 == 1');
    expect(cache.size).toBe(2);
    cache.compile('true');
    expect(cache.stats()).toEqual({ hits: 2, misses: 3 });
    cache.compile('false');
    expect(cache.stats()).toEqual({ hits: 2, misses: 4 });
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => createCompileCache(0)).toThrow(RangeError);
    expect(() => createCompileCache(1.5)).toThrow(RangeError);
  });
});
