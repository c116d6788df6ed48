/**
 * A subgraph's unit of work: runs `work` in one database transaction with repositories bound to
 * it, then `afterCommit` (which wakes the audit relay). `runInTransaction` is the subgraph's Prisma
 * `$transaction`; repositories are made fresh for each transaction client.
 */
export function createTransact<Tx, Repositories>(options: {
  runInTransaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  createRepositories: (tx: Tx) => Repositories;
  afterCommit?: () => void;
}): <T>(work: (repositories: Repositories) => Promise<T>) => Promise<T> {
  return async (work) => {
    const result = await options.runInTransaction((tx) => work(options.createRepositories(tx)));
    options.afterCommit?.();
    return result;
  };
}

/** Long enough for a mutation and its audit event; short enough not to hold locks for long. */
export const TRANSACTION_TIMEOUT_MS = 15_000;

/**
 * How long a transaction may wait for a pooled connection before it fails (SERVICE_UNAVAILABLE).
 * Prisma's default, 2 s, turned a burst of writes larger than the pool into errors; a burst
 * should queue, and only a database that stays saturated should refuse.
 */
export const TRANSACTION_MAX_WAIT_MS = 10_000;
