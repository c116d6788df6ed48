import { join, relative } from 'node:path';
import { generateOperationTypes, ROOT } from './operation-types';

/** Where the console's generated operation types live (committed; a test fails when they are stale). */
export const CONSOLE_TYPES_DIR = join(ROOT, 'apps', 'console', 'src', 'gql');

/**
 * The console's typed operations: every `graphql(...)` call under apps/console/src becomes a
 * TypedDocumentNode typed from the gateway's API schema. Returns file path -> content, written by
 * `npm run codegen`.
 */
export function generateConsoleTypes(): Promise<Record<string, string>> {
  return generateOperationTypes({
    documents: ['apps/console/src/**/*.{ts,tsx}', '!apps/console/src/gql/**'],
    outputDir: relative(ROOT, CONSOLE_TYPES_DIR),
  });
}
