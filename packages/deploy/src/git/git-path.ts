/** Where a design's manifests go when the connection's settings name no path. */
export const DEFAULT_GIT_PATH = '{environment}/{design}.yaml';

/** A path template or rendered path that cannot be used. */
export class GitPathError extends Error {
  override readonly name = 'GitPathError';
}

/**
 * A name as a safe path segment: lower case ASCII letters, digits and single dashes, at most 63
 * characters ("Prod EU / Blue" -> "prod-eu-blue"). Accents are folded, everything else becomes
 * a dash.
 */
export function slugify(value: string): string {
  const slug = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  if (slug === '') throw new GitPathError(`"${value}" has no letter or digit to name a file with`);
  return slug;
}

/**
 * Renders the repository path of a design's manifests from the connection's template (default
 * `{environment}/{design}.yaml`), substituting slugs of the two names. Refuses templates that
 * could write outside the repository or into `.git`: absolute paths, `..`, `.` and empty
 * segments, backslashes, control characters and unknown placeholders.
 */
export function renderGitPath(
  template: string | undefined,
  values: { environment: string; design: string },
): string {
  const source = template === undefined || template.trim() === '' ? DEFAULT_GIT_PATH : template.trim();
  const unknown = /\{(?!environment\}|design\})[^}]*\}/.exec(source);
  if (unknown)
    throw new GitPathError(
      `the path ${source} uses ${unknown[0]}; only {environment} and {design} can be used`,
    );
  checkPath(source, source);
  const rendered = source
    .replace(/\{environment\}/g, slugify(values.environment))
    .replace(/\{design\}/g, slugify(values.design));
  checkPath(rendered, source);
  return rendered;
}

function checkPath(path: string, template: string): void {
  const refuse = (reason: string) => new GitPathError(`the path ${template} ${reason}`);
  if (path.includes('\\') || hasControlCharacter(path))
    throw refuse('contains a backslash or a control character');
  if (path.startsWith('/') || /^[a-z]:/i.test(path)) throw refuse('must be relative to the repository root');
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') throw refuse('has an empty or "." segment');
    if (segment === '..') throw refuse('must not contain ".."');
    if (segment.toLowerCase() === '.git') throw refuse('must not reach into .git');
  }
}

/** True when the text holds a C0 control character or DEL. */
export function hasControlCharacter(text: string): boolean {
  return [...text].some((character) => {
    const code = character.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });
}
