export { createLogger } from './logger';
export type { Logger } from './logger';
export { listen, runService } from './run-service';
