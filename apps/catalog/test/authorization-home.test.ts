import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Guards issue 12's rule for the catalog: policy.ts (with policy/) is the only place that decides
 * who may see or change what. Resolvers, services and references ask it; they neither refuse
 * with an authorization error of their own nor ask the viewer about memberships and roles.
 */
const SOURCE = join(__dirname, '..', 'src');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.generated.ts') ? [path] : [];
  });
}

const isPolicy = (file: string) => file === 'policy.ts' || file.startsWith('policy/');
const outsidePolicy = sourceFiles(SOURCE)
  .map((path) => ({ file: relative(SOURCE, path), text: readFileSync(path, 'utf8') }))
  .filter(({ file }) => !isPolicy(file));

function filesMatching(pattern: RegExp): string[] {
  return outsidePolicy.filter(({ text }) => pattern.test(text)).map(({ file }) => file);
}

describe('the catalog policy', () => {
  it('is the only source of NOT_FOUND, FORBIDDEN and UNAUTHENTICATED', () => {
    expect(outsidePolicy.length).toBeGreaterThan(10);
    expect(filesMatching(/\b(notFound|forbidden|unauthenticated)\s*\(/)).toEqual([]);
    expect(filesMatching(/\b(NOT_FOUND|FORBIDDEN|UNAUTHENTICATED)\b/)).toEqual([]);
  });

  it("is the only place that asks about the caller's memberships and roles", () => {
    expect(filesMatching(/\.(isMemberOf|hasRoleIn|roleIn|canChangeIn|isAuthenticated)\b/)).toEqual([]);
    expect(filesMatching(/\bORG_ADMINS\b|\borgRoleBy(Argument|Object)\b|\bhasOrgRole\b/)).toEqual([]);
  });
});
