import type { Principal } from '@controlplane/auth';

/**
 * Who the caller of one gateway request is, as subgraphs should be told. It starts as the
 * principal authenticated for the request; when a subgraph reports that the request changed the
 * caller's own memberships (a new organization, an accepted invitation), the principal is read
 * again, once, before the next subgraph fetch.
 */
export class RequestPrincipal {
  private pending: Promise<Principal> | undefined;
  private stale = false;

  constructor(
    private principal: Principal,
    private readonly reread: () => Promise<Principal>,
  ) {}

  /** The principal as authenticated, or as changed by this request (the last one read). */
  get latest(): Principal {
    return this.principal;
  }

  markChanged(): void {
    this.stale = true;
  }

  /** The principal to sign the next subgraph fetch with. */
  async current(): Promise<Principal> {
    if (this.stale) {
      this.stale = false;
      this.pending = this.reread().then((principal) => {
        this.principal = principal;
        return principal;
      });
    }
    return this.pending ?? this.principal;
  }
}
