import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Guards issue 12's rule: in each subgraph, `policy.ts` (with `policy/`) is the only place that
 * decides who may see or change what. Resolvers, services, internal routes and references ask
 * it; they neither refuse with an authorization error of their own nor ask the viewer about
 * memberships and roles. A new stray fails here, naming its file.
 */
const SUBGRAPHS = ['identity', 'workspace', 'catalog'] as const;

/**
 * The few authorization codes outside a policy that are not authorization decisions, each with
 * why. Keep this list short: a new entry needs the same justification.
 */
const NOT_DECISIONS: Record<string, string> = {
  // The policy allowed the revoke; the grant vanished under a concurrent revoke before the write.
  'workspace/services/workspace-service.ts': 'a grant revoked concurrently between check and write',
};

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.generated.ts') ? [path] : [];
  });
}

/** The code of a file without its comments: a comment naming a code decides nothing. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

const isPolicy = (file: string) => file === 'policy.ts' || file.startsWith('policy/');

const outsidePolicy = SUBGRAPHS.flatMap((subgraph) => {
  const source = join(__dirname, '..', 'apps', subgraph, 'src');
  return sourceFiles(source)
    .map((path) => ({ subgraph, file: relative(source, path), text: code(readFileSync(path, 'utf8')) }))
    .filter(({ file }) => !isPolicy(file));
});

function filesMatching(pattern: RegExp): string[] {
  return outsidePolicy
    .filter(({ text }) => pattern.test(text))
    .map(({ subgraph, file }) => `${subgraph}/${file}`)
    .filter((file) => NOT_DECISIONS[file] === undefined);
}

describe('each subgraph policy', () => {
  it('is read from every subgraph', () => {
    for (const subgraph of SUBGRAPHS)
      expect(outsidePolicy.filter((file) => file.subgraph === subgraph).length).toBeGreaterThan(10);
  });

  it('is the only source of NOT_FOUND and FORBIDDEN', () => {
    expect(filesMatching(/\b(notFound|forbidden)\s*\(/)).toEqual([]);
    expect(filesMatching(/\b(NOT_FOUND|FORBIDDEN)\b/)).toEqual([]);
  });

  it('leaves UNAUTHENTICATED to itself and to the check of a password at log-in', () => {
    expect(filesMatching(/\bunauthenticated\s*\(|\bUNAUTHENTICATED\b/)).toEqual([
      'identity/services/auth-service.ts',
    ]);
  });

  it("is the only place that asks about the caller's memberships and roles", () => {
    expect(filesMatching(/\.(isMemberOf|hasRoleIn|roleIn|canChangeIn)\b/)).toEqual([]);
    expect(filesMatching(/\bORG_ADMINS\b|\borgRoleBy(Argument|Object)\b|\bhasOrgRole\b/)).toEqual([]);
  });
});
