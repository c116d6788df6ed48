import type { Principal } from '@controlplane/auth';
import type { Logger } from 'pino';

export type GatewayContext = { principal: Principal; requestId: string; logger: Logger };
