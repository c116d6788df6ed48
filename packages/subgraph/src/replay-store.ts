import type { EnvelopeId } from '@controlplane/auth';
import type { SqlExecutor } from '@controlplane/db';

/**
 * The envelopes a service has accepted, shared by all its replicas through its own schema
 * (`UsedEnvelope`), so that an envelope claimed here is accepted at most once across replicas
 * and restarts within its lifetime.
 */
export type ReplayStore = {
  /** Records the envelope; false when any replica, before or since a restart, already did. */
  claim(envelope: EnvelopeId): Promise<boolean>;
};

/** Every this many claims, the claim's own statement also deletes a bounded batch of expired rows. */
const PRUNE_EVERY = 256;
const PRUNE_BATCH = 1000;
/** Rows are kept this long past their expiry, so replicas whose clocks differ agree they are dead. */
const PRUNE_MARGIN_MS = 60_000;

/**
 * A ReplayStore in `schema`'s UsedEnvelope table: one `INSERT … ON CONFLICT DO NOTHING` per
 * claim. Pruning rides in the same statement (a CTE) every PRUNE_EVERY claims, so it needs no
 * timer and never adds a statement to a request; SKIP LOCKED keeps replicas pruning at once from
 * waiting on each other.
 */
export function createReplayStore(options: { executor: SqlExecutor; schema: string }): ReplayStore {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`Invalid schema name: ${options.schema}`);
  const table = `"${options.schema}"."UsedEnvelope"`;
  const insert = `INSERT INTO ${table} ("jti", "expiresAt") VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING "jti"`;
  const pruneThenInsert = `WITH pruned AS (
      DELETE FROM ${table} WHERE "jti" IN (
        SELECT "jti" FROM ${table} WHERE "expiresAt" < $3 LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED
      )
    ) ${insert}`;
  let claims = 0;
  return {
    async claim(envelope) {
      claims += 1;
      const rows =
        claims % PRUNE_EVERY === 0
          ? await options.executor.query(pruneThenInsert, [
              envelope.id,
              envelope.acceptedUntil,
              new Date(Date.now() - PRUNE_MARGIN_MS),
            ])
          : await options.executor.query(insert, [envelope.id, envelope.acceptedUntil]);
      return rows.length === 1;
    },
  };
}
