export { createLogger } from './logger';
export type { Logger } from './logger';
export { DateTimeScalar, JSONScalar } from './scalars';
export { MAX_PAGE_SIZE, pageSize, encodeCursor, decodeCursor, toPage } from './pagination';
export type { Cursor, Page } from './pagination';
export { createErrorFormatter } from './format-error';
export {
  parseInput,
  nameField,
  descriptionField,
  textField,
  isStorableText,
  UNSTORABLE_MESSAGE,
  slugField,
  SLUG_PATTERN,
  MAX_NAME_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  isWellFormedId,
} from './validation';
export { buildProtectedSchema, createSubgraphServer, listen } from './subgraph-server';
export type {
  SubgraphContext,
  SubgraphHandle,
  SubgraphServer,
  SubgraphServerOptions,
} from './subgraph-server';
export { byKey, groupByKey } from './batching';
export { openSubgraphDatabase } from './subgraph-database';
export { runService } from './run';
export { requestLogPlugin } from './request-log';
export { createServiceClient } from './service-client';
export type { ServiceClient } from './service-client';
export { startAuditRelay } from './audit-relay';
export { createTransact, TRANSACTION_TIMEOUT_MS } from './transaction';
