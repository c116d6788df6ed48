import {
  compilePolicy,
  MAX_EXPRESSION_BYTES,
  MAX_EXPRESSION_DEPTH,
  type CompileResult,
  type ExpressionError,
} from '../src';

function refusal(expression: string): ExpressionError {
  const result: CompileResult = compilePolicy(expression);
  if (result.ok) throw new Error(`expected ${JSON.stringify(expression)} to be refused`);
  return result.error;
}

describe('compilePolicy', () => {
  it("accepts the contract's example expression", () => {
    const result = compilePolicy(
      'object.spec.template.spec.containers.all(c, has(c.securityContext) && c.securityContext.runAsNonRoot == true)',
    );
    expect(result.ok).toBe(true);
  });

  it('accepts what a ValidatingAdmissionPolicy author writes: macros, has(), in, ternaries, strings, regexes', () => {
    for (const expression of [
      "object.spec.template.spec.containers.exists_one(c, c.name == 'app')",
      'object.spec.template.spec.containers.filter(c, has(c.ports)).map(c, c.name).size() <= 3',
      "'cpu' in object.spec.resources.limits && object.metadata.name.matches('^[a-z-]+$')",
      "(has(object.metadata.namespace) ? object.metadata.namespace : 'default') != 'kube-system'",
      'object.spec.replicas >= 2 && object.spec.replicas <= 10 && object.spec.ratio < 0.5',
      "type(object.spec.replicas) == int && duration('1h') > duration('1m')",
      'null == object.spec.paused || object.spec.paused == false',
    ]) {
      expect({ expression, ok: compilePolicy(expression).ok }).toEqual({ expression, ok: true });
    }
  });

  it('reports a syntax error with its 1-based line and column, ready for BAD_USER_INPUT extensions', () => {
    expect(refusal('object.spec.replicas > 1 &&\n  object.spec.paused = false')).toEqual({
      field: 'input.expression',
      line: 2,
      column: 22,
      reason: 'syntax error: found = but expecting end of input',
    });
  });

  it('reports a name that is not declared, where it is used', () => {
    const undeclared = refusal("object.metadata.name == 'web' &&\n  spec.replicas == 1");
    expect(undeclared).toMatchObject({ line: 2, column: 3, reason: "undeclared reference to 'spec'" });
  });

  it('counts columns in characters, so an emoji before the error counts once', () => {
    expect(refusal("'🚀🚀' == object.x && foo")).toMatchObject({ line: 1, column: 21 });
  });

  it('reports an unknown function or method', () => {
    expect(refusal("object.metadata.name.repeat(3) == 'aaa'").reason).toBe(
      "undeclared reference to 'repeat'",
    );
    expect(refusal('sizee(object.spec) > 1').reason).toBe("undeclared reference to 'sizee'");
  });

  it('points at the operator of a binary expression that no overload accepts, not the space before it', () => {
    expect(refusal("object.spec.replicas > 1 &&\n  size(object.metadata.name) == 'x'")).toMatchObject({
      line: 2,
      column: 30,
      reason: "found no matching overload for '_==_' applied to '(int, string)'",
    });
    expect(refusal("1+'a' == 2")).toMatchObject({ line: 1, column: 2 });
  });

  it('reports arguments that no overload accepts', () => {
    expect(refusal('object.spec.containers.all(c,\n  c.image.startsWith(1))')).toMatchObject({
      line: 2,
      reason: "found no matching overload for 'startsWith' applied to 'dyn.(int)'",
    });
    expect(refusal('size(1) > 0').reason).toBe("found no matching overload for 'size' applied to '(int)'");
    expect(refusal("1 in 'abc'").reason).toBe(
      "found no matching overload for '@in' applied to '(int, string)'",
    );
    expect(refusal("[1, 2]['a'] == 1").reason).toBe(
      "found no matching overload for '_[_]' applied to '(list(int), string)'",
    );
  });

  it('infers types through dyn: adding a string to anything gives a string, which never equals an int', () => {
    expect(refusal("object.spec.replicas + 'a' == 1").reason).toBe(
      "found no matching overload for '_==_' applied to '(string, int)'",
    );
  });

  it('allows comparing numbers across int, uint and double, and anything with null', () => {
    expect(compilePolicy('1 == 1.0 && 1u == 1 && null != object.x').ok).toBe(true);
  });

  it('refuses a conditional whose branches have unrelated types', () => {
    expect(refusal("true ? 1 : 'a'").reason).toBe(
      "found no matching overload for '_?_:_' applied to '(bool, int, string)'",
    );
  });

  it('refuses selecting a field of a scalar', () => {
    const selected = refusal("'a'.b == 1");
    expect(selected).toMatchObject({
      column: 4,
      reason: "cannot select field 'b' from a value of type 'string'",
    });
  });

  it('refuses an expression whose result is known not to be a boolean', () => {
    const sum = refusal('1 + 2');
    expect(sum).toMatchObject({
      line: 1,
      column: 1,
      reason: 'expression must return a boolean, but it returns int',
    });
    expect(refusal('object.spec.containers.map(c, c.name)').reason).toBe(
      'expression must return a boolean, but it returns list(dyn)',
    );
    expect(refusal("'yes'").reason).toBe('expression must return a boolean, but it returns string');
  });

  it('accepts a dyn result, which is checked when evaluated', () => {
    expect(compilePolicy('object.spec.paused').ok).toBe(true);
  });

  it('explains a misused macro instead of calling it an unknown function', () => {
    expect(refusal('has(object)').reason).toBe(
      'has() takes one field selection, e.g. has(object.spec.hostNetwork)',
    );
    expect(refusal('object.spec.containers.all(1, true)').reason).toMatch(
      /^all\(\) takes a variable name and an expression/,
    );
  });

  it('refuses integer literals outside 64 bits', () => {
    expect(refusal('9223372036854775808 > 1').reason).toBe('integer literal out of range');
    expect(compilePolicy('-9223372036854775808 < 0').ok).toBe(true);
  });

  it('refuses constructing protobuf messages, which a manifest policy has no use for', () => {
    expect(refusal('google.protobuf.Timestamp{seconds: 1} == object.x').reason).toBe(
      'message construction is not supported: google.protobuf.Timestamp{...}',
    );
  });

  it('refuses an empty expression', () => {
    expect(refusal('  \n ')).toMatchObject({ line: 1, column: 1, reason: 'expression is empty' });
  });

  it('refuses an expression over 4 KiB, counted in UTF-8 bytes', () => {
    const padding = "'é' == 'é' && ".repeat(280); // 14 characters, 16 bytes in UTF-8
    const expression = `${padding}true`;
    expect(expression.length).toBeLessThan(MAX_EXPRESSION_BYTES);
    expect(refusal(expression).reason).toBe('expression is 4484 bytes long; the limit is 4096');
    expect(compilePolicy(`true${' '.repeat(MAX_EXPRESSION_BYTES - 4)}`).ok).toBe(true);
  });

  it('refuses an expression nested deeper than the limit', () => {
    const nested = `${'['.repeat(MAX_EXPRESSION_DEPTH + 5)}true${']'.repeat(MAX_EXPRESSION_DEPTH + 5)}.size() > 0`;
    expect(refusal(nested).reason).toBe('expression is nested more than 100 levels deep');
  });

  it('refuses an expression too deep for the parser itself, without throwing', () => {
    expect(refusal(`${'['.repeat(2000)}true${']'.repeat(2000)}`).reason).toMatch(/nested/);
  });
});
