import type * as fs from 'node:fs';
import git, { type TreeEntry } from 'isomorphic-git';

type Repository = { fs: typeof fs; gitdir: string };

/**
 * Writes (blob given) or removes (blob undefined) one file in a tree, rewriting the trees on its
 * path bottom-up, without a working directory or index. Returns the new root tree's oid; an
 * emptied directory disappears, as Git has no empty directories.
 */
export async function replaceFileInTree(
  repository: Repository,
  rootTree: string | undefined,
  path: string,
  blob: string | undefined,
): Promise<string> {
  const oid = await replaceIn(repository, rootTree, path.split('/'), blob);
  return oid ?? git.writeTree({ ...repository, tree: [] });
}

async function replaceIn(
  repository: Repository,
  tree: string | undefined,
  segments: string[],
  blob: string | undefined,
): Promise<string | undefined> {
  const [name, ...rest] = segments;
  if (name === undefined) throw new Error('empty path');
  const entries: TreeEntry[] = tree ? (await git.readTree({ ...repository, oid: tree })).tree : [];
  const existing = entries.find((entry) => entry.path === name);
  const others = entries.filter((entry) => entry !== existing);
  let replacement: TreeEntry | undefined;
  if (rest.length === 0) {
    if (existing?.type === 'tree') throw new Error(`${name} is a directory in the repository, not a file`);
    replacement = blob === undefined ? undefined : { mode: '100644', path: name, oid: blob, type: 'blob' };
  } else {
    if (existing && existing.type !== 'tree')
      throw new Error(`${name} is a file in the repository, not a directory`);
    const child = await replaceIn(repository, existing?.oid, rest, blob);
    replacement = child === undefined ? undefined : { mode: '040000', path: name, oid: child, type: 'tree' };
  }
  const next = replacement ? [...others, replacement] : others;
  if (next.length === 0) return undefined;
  return git.writeTree({ ...repository, tree: next });
}
