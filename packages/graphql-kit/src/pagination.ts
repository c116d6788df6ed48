import { badUserInput } from '@controlplane/errors';
import { isWellFormedId } from './validation';

export const MAX_PAGE_SIZE = 100;

/** Validates `first`: 0..100, so one request cannot ask for an unbounded list. */
export function pageSize(first: number | null | undefined, fallback: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput('first', `must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

/** Keyset cursor: the sort position (time, then id) of the last row, opaque to clients. */
export type Cursor = { at: Date; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString('base64url');
}

export function decodeCursor(after: string | null | undefined): Cursor | undefined {
  if (after === null || after === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && isWellFormedId(value[1])) {
      const at = new Date(value[0]);
      if (!Number.isNaN(at.getTime())) return { at, id: value[1] };
    }
  } catch {
    // fall through to the input error
  }
  throw badUserInput('after', 'is not a cursor returned by this API');
}

export type Page<T> = {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
};

/** Builds a page from `size + 1` fetched rows: the extra row only tells that there is a next page. */
export function toPage<T>(
  rows: T[],
  size: number,
  totalCount: number,
  cursorOf: (row: T) => Cursor,
): Page<T> {
  const nodes = rows.slice(0, size);
  const last = nodes.at(-1);
  return {
    nodes,
    pageInfo: {
      hasNextPage: rows.length > size,
      endCursor: last === undefined ? null : encodeCursor(cursorOf(last)),
    },
    totalCount,
  };
}

/** Where a keyset page starts, and how many rows to fetch for it (one more than it shows). */
export type PageRequest = { take: number; after: Cursor | undefined };

/** A keyset-paginated list: its rows from a position, its total, and each row's cursor. */
export type PagedSource<T> = {
  rows(request: PageRequest): Promise<T[]>;
  count(): Promise<number>;
  cursorOf(row: T): Cursor;
};

/** What a client asks of a list: how many (`first`) after which cursor. */
export type PageArgs = { first?: number | null | undefined; after?: string | null | undefined };

/**
 * One page of `source` for the client's `first` (`defaultSize` when absent) and `after`, both
 * validated first: the rows and the total are read at once, with one row more than the page
 * shows to tell whether a next page exists.
 */
export async function loadPage<T>(
  args: PageArgs,
  defaultSize: number,
  source: PagedSource<T>,
): Promise<Page<T>> {
  const size = pageSize(args.first, defaultSize);
  const request = { take: size + 1, after: decodeCursor(args.after) };
  const [rows, totalCount] = await Promise.all([source.rows(request), source.count()]);
  return toPage(rows, size, totalCount, source.cursorOf);
}
