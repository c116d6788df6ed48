import { ControlPlaneError, paginate } from '@controlplane/client';

type Page = {
  list: { nodes: number[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null;
};

/** Pages of a list held in memory, as the server would cut them. */
function pagesOf(pages: Page['list'][]) {
  const asked: (string | undefined)[] = [];
  const fetchPage = async (after: string | undefined): Promise<Page> => {
    asked.push(after);
    return { list: pages[asked.length - 1] ?? null };
  };
  return { asked, fetchPage };
}

async function collect(iterable: AsyncIterable<number>): Promise<number[]> {
  const items: number[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('the pagination iterator', () => {
  it('asks for the page after each endCursor until hasNextPage is false', async () => {
    const { asked, fetchPage } = pagesOf([
      { nodes: [1, 2], pageInfo: { hasNextPage: true, endCursor: 'c2' } },
      { nodes: [3, 4], pageInfo: { hasNextPage: true, endCursor: 'c4' } },
      { nodes: [5], pageInfo: { hasNextPage: false, endCursor: 'c5' } },
    ]);
    expect(await collect(paginate(fetchPage, (data) => data.list))).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([undefined, 'c2', 'c4']);
  });

  it('ends on a null connection (its parent is gone)', async () => {
    const { fetchPage } = pagesOf([null]);
    expect(await collect(paginate(fetchPage, (data) => data.list))).toEqual([]);
  });

  /** Guards against looping for ever on a server that announces a next page without a new cursor. */
  it('fails when a next page is announced without a new cursor', async () => {
    const { asked, fetchPage } = pagesOf([
      { nodes: [1], pageInfo: { hasNextPage: true, endCursor: 'c1' } },
      { nodes: [2], pageInfo: { hasNextPage: true, endCursor: 'c1' } },
    ]);
    const error = await collect(paginate(fetchPage, (data) => data.list)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ControlPlaneError);
    expect(error).toMatchObject({ code: 'PAGINATION_STALLED' });
    expect(asked).toEqual([undefined, 'c1']);
  });
});
