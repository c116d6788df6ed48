/// <reference types="jest" />
import pg from 'pg';
import { createIsolatedDatabase, testDatabaseUrl } from './database';
import { createFactories, type Factories } from './factories';
import { startStack, type Stack, type StackOptions } from './stack';

/**
 * An object that stands for one made in `beforeAll`: usable in tests and hooks, refused (with a
 * clear error) at the top level of a file, where nothing has started yet.
 */
function bindLater<T extends object>(name: string): { proxy: T; set(value: T | undefined): void } {
  let current: T | undefined;
  const target = (): T => {
    if (current === undefined) throw new Error(`${name} exists only inside tests and hooks (from beforeAll)`);
    return current;
  };
  const proxy = new Proxy({} as T, {
    get(_, property) {
      const value: unknown = Reflect.get(target(), property);
      return typeof value === 'function' ? value.bind(target()) : value;
    },
    has: (_, property) => Reflect.has(target(), property),
  });
  return {
    proxy,
    set(value) {
      current = value;
    },
  };
}

export type UseStackOptions = StackOptions & {
  /**
   * Runs the stack on a fresh, migrated database of its own (dropped afterwards), for tests whose
   * subject every stack of one database shares: the deployment queue, which any stack's worker
   * may claim from (and which could not decrypt another stack's credentials).
   */
  isolatedDatabase?: boolean;
};

/**
 * The usual setup of a test file (or describe block): registers `beforeAll` to start the stack
 * and `afterAll` to stop it, and returns it with factories bound to its gateway and a pool on the
 * test database (for what only SQL can arrange or show). Tests share the stack and stay
 * independent through the factories' unique data.
 *
 *     const { stack, make, db } = useStack();
 */
export function useStack(options: UseStackOptions = {}): { stack: Stack; make: Factories; db: pg.Pool } {
  const stack = bindLater<Stack>('the stack');
  const make = bindLater<Factories>('the factories');
  const db = bindLater<pg.Pool>('the database pool');
  let started: Stack | undefined;
  let pool: pg.Pool | undefined;
  let isolated: { url: string; drop(): Promise<void> } | undefined;
  const { isolatedDatabase, ...stackOptions } = options;
  beforeAll(async () => {
    if (isolatedDatabase === true) isolated = await createIsolatedDatabase();
    const databaseUrl = isolated?.url ?? testDatabaseUrl();
    started = await startStack(isolated ? { ...stackOptions, databaseUrl } : stackOptions);
    stack.set(started);
    make.set(createFactories(started.gatewayUrl));
    // A pool connects on its first query only: files that never use it cost nothing.
    pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    db.set(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await started?.close();
    await isolated?.drop();
  });
  return { stack: stack.proxy, make: make.proxy, db: db.proxy };
}
