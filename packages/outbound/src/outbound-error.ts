/** Why an outbound call was refused or failed. */
export type OutboundErrorCode =
  /** The URL does not parse, or carries user info (credentials belong in the connection's credentials). */
  | 'invalid-url'
  /** Not https (plain http is only for allow-listed hosts). */
  | 'insecure-protocol'
  /** The host is, or resolves to, a loopback, private, link-local, metadata or other non-public address. */
  | 'blocked-address'
  /** The host name does not resolve. */
  | 'unresolvable-host'
  /** The target answered with a redirect; redirects are never followed. */
  | 'redirect'
  /** The connection failed or broke (refused, reset, TLS failure). */
  | 'network'
  /** The call was aborted: its time budget ran out or the caller cancelled it. */
  | 'aborted';

/**
 * A refused or failed outbound call. The message names the target by origin only (never a path,
 * query or user info) and is safe to show to the user who configured the URL.
 */
export class OutboundError extends Error {
  override readonly name = 'OutboundError';
  readonly code: OutboundErrorCode;

  constructor(code: OutboundErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** True when trying again later may succeed (a network failure), false for a refusal. */
  get transient(): boolean {
    return this.code === 'network' || this.code === 'unresolvable-host';
  }
}
