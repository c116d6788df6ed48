/**
 * Building blocks for GraphQL schemas and resolvers, shared by the gateway and the subgraphs:
 * scalars, pages, input parsing, DataLoader batching, error formatting, the request log line.
 */
export { DateTimeScalar, JSONScalar } from './scalars';
export { MAX_PAGE_SIZE, pageSize, encodeCursor, decodeCursor, toPage, loadPage } from './pagination';
export type { Cursor, Page, PageArgs, PageRequest, PagedSource } from './pagination';
export { createErrorFormatter } from './format-error';
export {
  parseInput,
  nameField,
  descriptionField,
  textField,
  isStorableText,
  UNSTORABLE_MESSAGE,
  slugField,
  slugFromName,
  SLUG_PATTERN,
  MAX_NAME_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  isWellFormedId,
} from './validation';
export { buildProtectedSchema } from './protected-schema';
export { byKey, groupByKey } from './batching';
export { requestLogPlugin } from './request-log';
