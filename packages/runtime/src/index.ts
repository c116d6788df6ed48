export { createLogger } from './logger';
export type { Logger } from './logger';
export { listen, runService } from './run-service';
export { startDrainLoop } from './drain-loop';
export type { DrainLoop } from './drain-loop';
