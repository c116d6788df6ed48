import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';

/** The few WebAssembly globals used here (Node has them; its type package does not declare them). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, unknown>) => { exports: Record<string, unknown> };
};

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
};

/**
 * Prisma's schema engine, compiled to WebAssembly: it computes migration SQL offline (the native
 * engine would have to be downloaded). Node cannot import a .wasm module directly, so it is
 * instantiated here with the package's JS glue as its imports.
 */
async function loadSchemaEngine(datamodel: string, database: PGlite): Promise<Engine> {
  const packageDir = dirname(require.resolve('@prisma/schema-engine-wasm'));
  const glue = (await import(join(packageDir, 'schema_engine_bg.js'))) as Record<string, unknown> & {
    __wbg_set_wasm(exports: Record<string, unknown>): void;
    SchemaEngine: {
      new: (options: unknown, log: (line: string) => void, adapter: unknown) => Promise<Engine>;
    };
  };
  const module = new WebAssembly.Module(readFileSync(join(packageDir, 'schema_engine_bg.wasm')));
  const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  // The engine wants a database connection even to diff two datamodels; an in-memory PGlite
  // serves, so computing migration SQL needs no server.
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(database));
  return glue.SchemaEngine.new({ datamodels: [['schema.prisma', datamodel]] }, () => undefined, adapter);
}

/** The SQL that turns a database shaped like `from` (or an empty one) into one shaped like `to`. */
export async function diffDatamodels(from: string | undefined, to: string): Promise<string> {
  // Closed before returning: an open PGlite makes the process exit with code 99.
  const database = new PGlite();
  try {
    return await diffWith(await loadSchemaEngine(to, database), from, to);
  } finally {
    await database.close();
  }
}

async function diffWith(engine: Engine, from: string | undefined, to: string): Promise<string> {
  const source = (content: string) => ({
    tag: 'schemaDatamodel',
    files: [{ path: 'schema.prisma', content }],
  });
  const result = await engine.diff({
    from: from === undefined ? { tag: 'empty' } : source(from),
    to: source(to),
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout ?? '';
}

export const SUBGRAPH_NAMES = ['identity', 'workspace', 'catalog'] as const;

export function prismaDir(subgraph: string): string {
  if (!(SUBGRAPH_NAMES as readonly string[]).includes(subgraph))
    throw new Error(`Unknown subgraph: ${subgraph}`);
  return join(__dirname, '..', '..', 'prisma', subgraph);
}

/** True when the SQL holds statements, not only the engine's "empty migration" comment. */
export function hasStatements(sql: string): boolean {
  return sql.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('--'));
}
