import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { formatDocument, stringifyDocument } from '@urql/core';
import type { DocumentNode } from 'graphql';
import { generateOperationTypes, ROOT } from './operation-types';

/** Where the console's generated operation types live (committed; a test fails when they are stale). */
export const CONSOLE_TYPES_DIR = join(ROOT, 'apps', 'console', 'src', 'gql');

/**
 * The console's trusted documents (the gateway's allow-list, README "Trusted documents"): SHA-256
 * hash -> the exact text the console's urql client sends for each operation. The text is made as
 * urql makes it (its cache adds `__typename`, then it prints), so the hash the client computes at
 * run time, the standard APQ hash, is the key here and a full-text retry always matches it.
 */
export const PERSISTED_DOCUMENTS_PATH = join(CONSOLE_TYPES_DIR, 'persisted-documents.json');

/**
 * The console's typed operations: every `graphql(...)` call under apps/console/src becomes a
 * TypedDocumentNode typed from the gateway's API schema, and the allow-list of their texts.
 * Returns file path -> content, written by `npm run codegen`.
 */
export async function generateConsoleTypes(): Promise<Record<string, string>> {
  const generated = await generateOperationTypes({
    documents: ['apps/console/src/**/*.{ts,tsx}', '!apps/console/src/gql/**'],
    outputDir: relative(ROOT, CONSOLE_TYPES_DIR),
  });
  const operations = generated[join(CONSOLE_TYPES_DIR, 'graphql.ts')];
  if (operations === undefined) throw new Error('codegen wrote no graphql.ts for the console');
  generated[PERSISTED_DOCUMENTS_PATH] = `${JSON.stringify(persistedDocumentsOf(operations), null, 2)}\n`;
  return generated;
}

/** Each `export const XDocument = {…} as unknown as DocumentNode<…>` of the generated graphql.ts. */
const GENERATED_DOCUMENT = /^export const \w+Document = (\{.*\}) as unknown as DocumentNode<.*>;$/gm;

function persistedDocumentsOf(operationsSource: string): Record<string, string> {
  const manifest: Record<string, string> = {};
  for (const [, json] of operationsSource.matchAll(GENERATED_DOCUMENT)) {
    const text = stringifyDocument(formatDocument(JSON.parse(json ?? '') as DocumentNode));
    manifest[createHash('sha256').update(text).digest('hex')] = text;
  }
  return Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
}
