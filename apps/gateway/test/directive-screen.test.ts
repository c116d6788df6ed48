import { hasDirectiveOverloading } from '../src/directive-screen';

const limits = { maxDirectives: 3, maxTokens: 200 };

describe('the directive screen', () => {
  it.each([
    ['no directives', '{ me { user { id } } }'],
    ['different directives at one location', '{ me { user { id @include(if: true) @skip(if: false) } } }'],
    [
      'the same directive at different locations',
      '{ me @include(if: true) { user @include(if: true) { id } } }',
    ],
    ['an @ inside a string argument', '{ catalog(filter: { search: "@a @a @a @a" }) { totalCount } }'],
    ['an @ inside a comment', '# @a @a @a @a\n{ me { user { id } } }'],
    ['a document that does not lex (left to the parser)', '{ me { user { id @a @a "unterminated } } }'],
  ])('lets through %s', (_case, query) => {
    expect(hasDirectiveOverloading(query, limits)).toBe(false);
  });

  it.each([
    ['the same directive twice on a field', '{ me { user { id @a @a } } }'],
    [
      'the same directive twice after arguments',
      '{ me { user { id @include(if: true) @include(if: false) } } }',
    ],
    [
      'the same directive twice on a fragment spread',
      '{ me { ...F @a(x: 1) @b @a } } fragment F on Viewer { user { id } }',
    ],
    ['the same directive twice on a variable', 'query ($v: Int @a @a) { me { user { id } } }'],
    ['more directives than the limit, all different', '{ me @a { user @b { id @c name @d } } }'],
  ])('finds %s', (_case, query) => {
    expect(hasDirectiveOverloading(query, limits)).toBe(true);
  });

  it('reads only as many tokens as the parser would accept', () => {
    expect(hasDirectiveOverloading(`{ me { user { ${'id '.repeat(200)} id @a @a } } }`, limits)).toBe(false);
  });
});
