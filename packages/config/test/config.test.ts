import { parseEnvironment, subgraphEnvironmentWith } from '../src';

const schema = subgraphEnvironmentWith({});
const base = { GATEWAY_SIGNING_SECRET: 'x'.repeat(32) };

describe('subgraph configuration', () => {
  it('refuses the benchmark-only shield switch outside NODE_ENV=benchmark', () => {
    for (const NODE_ENV of ['production', 'development', 'test', undefined]) {
      expect(() => parseEnvironment(schema, { ...base, NODE_ENV, BENCHMARK_SHIELD_OFF: 'true' })).toThrow(
        /only allowed with NODE_ENV=benchmark/,
      );
    }
    expect(
      parseEnvironment(schema, { ...base, NODE_ENV: 'benchmark', BENCHMARK_SHIELD_OFF: 'true' })
        .BENCHMARK_SHIELD_OFF,
    ).toBe(true);
  });

  it('lists every problem with a short secret', () => {
    expect(() => parseEnvironment(schema, { GATEWAY_SIGNING_SECRET: 'short' })).toThrow(
      /GATEWAY_SIGNING_SECRET: must be at least 32 characters/,
    );
  });
});
