import { GitPathError, renderGitPath, slugify } from '../src';
import { checkBranchName } from '../src/git/branch-name';

describe('slugify', () => {
  it.each([
    ['Web Shop', 'web-shop'],
    ['Prod EU / Blue', 'prod-eu-blue'],
    ['Café Ünïcode', 'cafe-unicode'],
    ['../../etc/passwd', 'etc-passwd'],
    ['--x--', 'x'],
    ['a'.repeat(80), 'a'.repeat(63)],
  ])('turns %s into %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('refuses a name with nothing to keep', () => {
    expect(() => slugify('../..')).toThrow(GitPathError);
  });
});

describe('renderGitPath', () => {
  const names = { environment: 'Production', design: 'Web Shop' };

  it('uses {environment}/{design}.yaml by default and substitutes slugs', () => {
    expect(renderGitPath(undefined, names)).toBe('production/web-shop.yaml');
    expect(renderGitPath('  ', names)).toBe('production/web-shop.yaml');
    expect(renderGitPath('clusters/{environment}/{design}/all.yaml', names)).toBe(
      'clusters/production/web-shop/all.yaml',
    );
  });

  it.each([
    ['../{design}.yaml', /must not contain "\.\."/],
    ['apps/../../{design}.yaml', /must not contain "\.\."/],
    ['/srv/{design}.yaml', /must be relative to the repository root/],
    ['C:/{design}.yaml', /must be relative to the repository root/],
    ['apps\\{design}.yaml', /backslash/],
    ['apps//{design}.yaml', /empty or "\." segment/],
    ['apps/./{design}.yaml', /empty or "\." segment/],
    ['apps/', /empty or "\." segment/],
    ['.GIT/config', /must not reach into \.git/],
    ['{environment}/{name}.yaml', /uses \{name\}/],
    ['apps/\u0000{design}.yaml', /control character/],
  ])('refuses %s', (template, reason) => {
    expect(() => renderGitPath(template, names)).toThrow(reason);
  });
});

describe('checkBranchName', () => {
  it.each(['main', 'env/prod', 'release-1.2', 'feature/x_y'])('accepts %s', (branch) => {
    expect(checkBranchName(branch)).toBeUndefined();
  });

  it.each([
    '',
    '@',
    'a b',
    'a\tb',
    'a~1',
    'a:b',
    'a..b',
    'a//b',
    'a@{1}',
    '-x',
    '/x',
    'x/',
    'x.',
    'x.lock',
    'a/.hidden',
  ])('refuses %j', (branch) => {
    expect(checkBranchName(branch)).toEqual(expect.any(String));
  });
});
