/** The little the migration runner and health checks need from a database connection. */
export type SqlExecutor = {
  /** Runs one parameterised statement and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `work` in one transaction; `tx` runs statements inside it, `script` may hold many. */
  transaction<T>(work: (tx: TransactionExecutor) => Promise<T>): Promise<T>;
};

export type TransactionExecutor = {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements (no parameters). */
  script(sql: string): Promise<void>;
};
