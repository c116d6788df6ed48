import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RequestHandler, Response } from 'express';

export type TrustedDocumentsMode = 'off' | 'partial' | 'required';

/** The console's allow-list, written by `npm run codegen` (scripts/src/console-types.ts), from this file in src/ or dist/. */
export const DEFAULT_MANIFESTS = [
  resolve(__dirname, '..', '..', 'console', 'src', 'gql', 'persisted-documents.json'),
];

/** Hash -> document: the operations first-party clients send by hash. */
export type TrustedDocuments = ReadonlyMap<string, string>;

export const sha256Of = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Reads the manifests (`{ "<sha256>": "<document>" }`, client-preset's persisted-documents
 * format). A hash that is not its document's SHA-256 stops the gateway: the list is a promise
 * about exactly which texts run. A missing file is an empty list (the console is not built, say).
 */
export function loadTrustedDocuments(paths: readonly string[]): TrustedDocuments {
  const documents = new Map<string, string>();
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    for (const [hash, document] of Object.entries(JSON.parse(text) as Record<string, unknown>)) {
      if (typeof document !== 'string' || sha256Of(document) !== hash)
        throw new Error(`${path}: the document listed as ${hash} is not the text of that SHA-256`);
      documents.set(hash, document);
    }
  }
  return documents;
}

type PersistedRequestBody = {
  query?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } & Record<string, unknown> } & Record<
    string,
    unknown
  >;
};

function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * Applies TRUSTED_DOCUMENTS to a parsed POST /graphql body, before Apollo sees it:
 * - a hash on the list becomes its document (the text, if sent too, must be that document);
 * - a text sent with a hash must hash to it ("provided sha does not match query"), in every mode;
 * - `required`: nothing else runs, neither an unknown hash (PERSISTED_QUERY_NOT_IN_LIST) nor a
 *   document that is not on the list (PERSISTED_QUERY_REQUIRED);
 * - `partial`: everything else goes on to Apollo: APQ for unknown hashes, any document;
 * - `off`: the list is not used, and Apollo answers PersistedQueryNotSupported to any hash.
 */
export function screenTrustedDocuments(options: {
  mode: TrustedDocumentsMode;
  documents: TrustedDocuments;
}): RequestHandler {
  const { mode, documents } = options;
  return (req, res, next) => {
    const body = req.body as PersistedRequestBody | undefined;
    if (mode === 'off' || typeof body !== 'object' || body === null || Array.isArray(body)) {
      next();
      return;
    }
    const persisted = body.extensions?.persistedQuery;
    const hash = typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
    const query = typeof body.query === 'string' ? body.query : undefined;
    if (hash !== undefined && query !== undefined && sha256Of(query) !== hash) {
      refuse(res, 400, 'BAD_REQUEST', 'provided sha does not match query');
      return;
    }
    const listed = documents.get(hash ?? (query === undefined ? '' : sha256Of(query)));
    if (listed !== undefined) {
      // Runs as a plain document, so the APQ cache holds only what others registered.
      const { persistedQuery: _persistedQuery, ...extensions } = body.extensions ?? {};
      req.body = { ...body, query: listed, extensions };
      next();
      return;
    }
    if (mode === 'partial') {
      next();
      return;
    }
    if (hash !== undefined)
      refuse(
        res,
        400,
        'PERSISTED_QUERY_NOT_IN_LIST',
        'This operation is not on the list of trusted documents.',
      );
    else
      refuse(
        res,
        400,
        'PERSISTED_QUERY_REQUIRED',
        'This gateway runs only trusted documents: send the SHA-256 of a listed operation in extensions.persistedQuery.',
      );
  };
}
