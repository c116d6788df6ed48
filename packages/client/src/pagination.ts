import { createError } from './errors';

/** The contract's connection shape: a page of nodes and where the next page starts. */
export type Connection<TNode> = {
  nodes: ReadonlyArray<TNode>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
};

/**
 * Yields every node of a cursor-paginated list: asks for the first page (`after` undefined), then
 * for the page after each `endCursor` while `hasNextPage`. Pages are fetched one at a time, as the
 * caller consumes them; stopping the loop early fetches nothing more. A null connection (its
 * parent is gone) ends the list. A server that says there is a next page without a new cursor
 * fails the iteration instead of looping for ever.
 */
export async function* paginate<TData, TNode>(
  fetchPage: (after: string | undefined) => Promise<TData>,
  select: (data: TData) => Connection<TNode> | null | undefined,
): AsyncGenerator<TNode, void, undefined> {
  let after: string | undefined;
  for (;;) {
    const connection = select(await fetchPage(after));
    if (connection === null || connection === undefined) return;
    yield* connection.nodes;
    if (!connection.pageInfo.hasNextPage) return;
    const next = connection.pageInfo.endCursor ?? undefined;
    if (next === undefined || next === after) {
      throw createError('PAGINATION_STALLED', 'The server announced a next page without a new cursor.');
    }
    after = next;
  }
}
