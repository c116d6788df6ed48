import { redact } from './redact';

/**
 * A deploy target (cluster or Git repository) refused or failed the change. The message is
 * redacted and meant for the person who deployed; it never carries the original error as
 * `cause`, since that could hold credentials (request headers, URLs) a logger would print.
 */
export class DeployTargetError extends Error {
  override readonly name = 'DeployTargetError';
  /** True when running the same deployment again later may succeed (network, 429, 5xx, time budget). */
  readonly transient: boolean;
  /** Resources already applied or removed before the failure, as kind/namespace/name. */
  readonly resources: readonly string[];

  constructor(
    message: string,
    options: { secrets: readonly (string | undefined)[]; transient: boolean; resources?: readonly string[] },
  ) {
    super(redact(message, options.secrets));
    this.transient = options.transient;
    this.resources = options.resources ?? [];
  }
}

/** A time budget for messages: `300 ms`, `120 s`. */
export function formatDuration(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 1_000)} s`;
}
