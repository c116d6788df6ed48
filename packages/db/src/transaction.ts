/** Runs `work` in one database transaction with repositories bound to it (each subgraph's `Transact`). */
export type UnitOfWork<Repositories> = <T>(work: (repositories: Repositories) => Promise<T>) => Promise<T>;

/**
 * A subgraph's unit of work: runs `work` in one database transaction with repositories bound to
 * it, then `afterCommit` (which wakes the audit relay). `runInTransaction` is the subgraph's Prisma
 * `$transaction`; repositories are made fresh for each transaction client.
 */
export function createTransact<Tx, Repositories>(options: {
  runInTransaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  createRepositories: (tx: Tx) => Repositories;
  afterCommit?: (() => void) | undefined;
}): UnitOfWork<Repositories> {
  return async (work) => {
    const result = await options.runInTransaction((tx) => work(options.createRepositories(tx)));
    options.afterCommit?.();
    return result;
  };
}

/** The interactive-transaction method of a Prisma client. */
export type PrismaTransactions<Tx> = {
  $transaction<T>(work: (tx: Tx) => Promise<T>, options: { timeout: number; maxWait: number }): Promise<T>;
};

/**
 * `createTransact` over a Prisma client, with this codebase's transaction timeout and wait for a
 * pooled connection.
 */
export function createPrismaTransact<Tx, Repositories>(options: {
  prisma: PrismaTransactions<Tx>;
  createRepositories: (tx: Tx) => Repositories;
  afterCommit?: (() => void) | undefined;
}): UnitOfWork<Repositories> {
  const { prisma } = options;
  return createTransact({
    runInTransaction: (work) =>
      prisma.$transaction(work, { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_MAX_WAIT_MS }),
    createRepositories: options.createRepositories,
    afterCommit: options.afterCommit,
  });
}

/** Long enough for a mutation and its audit event; short enough not to hold locks for long. */
export const TRANSACTION_TIMEOUT_MS = 15_000;

/**
 * How long a transaction may wait for a pooled connection before it fails (SERVICE_UNAVAILABLE).
 * Prisma's default, 2 s, turned a burst of writes larger than the pool into errors; a burst
 * should queue, and only a database that stays saturated should refuse.
 */
export const TRANSACTION_MAX_WAIT_MS = 10_000;
