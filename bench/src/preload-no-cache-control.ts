import Module from 'node:module';

/**
 * Bench-only experiment, loaded with `node -r` into subgraph processes (never into production):
 * appends ApolloServerPluginCacheControlDisabled() to every ApolloServer the process constructs,
 * to measure what the recommended one-line change in packages/subgraph/src/subgraph-server.ts
 * would save. Apollo Server otherwise installs the cache-control plugin, whose willResolveField
 * hook wraps every field resolver (schemaInstrumentation) on every request.
 */
type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const original = moduleWithLoad._load;
const patched = new WeakSet<object>();

moduleWithLoad._load = function load(request, parent, isMain) {
  const exported = original.call(this, request, parent, isMain) as Record<string, unknown>;
  if (request === '@apollo/server' && !patched.has(exported)) {
    patched.add(exported);
    const { ApolloServerPluginCacheControlDisabled } = original.call(
      this,
      '@apollo/server/plugin/disabled',
      parent,
      false,
    ) as {
      ApolloServerPluginCacheControlDisabled: () => unknown;
    };
    const Base = exported.ApolloServer as new (config: { plugins?: unknown[] }) => object;
    class ApolloServer extends Base {
      constructor(config: { plugins?: unknown[] }) {
        super({ ...config, plugins: [...(config.plugins ?? []), ApolloServerPluginCacheControlDisabled()] });
      }
    }
    Object.defineProperty(exported, 'ApolloServer', {
      value: ApolloServer,
      enumerable: true,
      configurable: true,
    });
  }
  return exported;
};
