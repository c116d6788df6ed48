import { hasControlCharacter } from './git-path';

/**
 * Refuses branch names Git would refuse (git check-ref-format): empty, leading "-" or "/",
 * "..", "//", "@{", a trailing "/", "." or ".lock", a component starting with ".", and spaces,
 * control characters or any of ~^:?*[\.
 */
export function checkBranchName(branch: string): string | undefined {
  if (branch === '' || branch === '@') return 'must not be empty or "@"';
  if (hasControlCharacter(branch) || /[ ~^:?*[\\]/.test(branch))
    return 'must not contain spaces, control characters or any of ~^:?*[\\';
  if (branch.startsWith('-') || branch.startsWith('/') || branch.endsWith('/') || branch.endsWith('.'))
    return 'must not start with "-" or "/" nor end with "/" or "."';
  if (branch.includes('..') || branch.includes('//') || branch.includes('@{'))
    return 'must not contain "..", "//" or "@{"';
  if (branch.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock')))
    return 'must not have a part starting with "." or ending with ".lock"';
  return undefined;
}
