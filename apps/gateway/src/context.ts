import type { Principal } from '@controlplane/auth';
import type { Logger } from 'pino';
import type { RequestPrincipal } from './request-principal';

export type GatewayContext = {
  /** As authenticated for this request (for logs); subgraph fetches sign `caller.current()`. */
  principal: Principal;
  caller: RequestPrincipal;
  requestId: string;
  /** The TCP peer, or the client named by a trusted proxy (TRUSTED_PROXIES): who pays for an anonymous request. */
  clientIp: string;
  logger: Logger;
};
