import type { RequestHandler } from 'express';
import { Lexer, Source, TokenKind, type Token } from 'graphql';

type DirectiveLimits = { maxDirectives: number; maxTokens: number };

/** The document's first `maxTokens` tokens; the parser refuses longer documents anyway. */
function leadingTokens(query: string, maxTokens: number): Token[] {
  const lexer = new Lexer(new Source(query));
  const tokens: Token[] = [];
  for (
    let token = lexer.advance();
    token.kind !== TokenKind.EOF && tokens.length < maxTokens;
    token = lexer.advance()
  ) {
    tokens.push(token);
  }
  return tokens;
}

/** The index just past the `)` that closes the `(` at `open` (directive arguments). */
function skipArguments(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i += 1) {
    const kind = tokens[i]?.kind;
    if (kind === TokenKind.PAREN_L) depth += 1;
    if (kind === TokenKind.PAREN_R) depth -= 1;
    if (depth === 0) return i + 1;
  }
  return tokens.length;
}

/**
 * True when one location carries the same directive twice (no directive a client may use is
 * repeatable) or the document has more than `maxDirectives` directives. Read from tokens, not a
 * parsed document: this runs on every request, before Apollo parses.
 */
export function hasDirectiveOverloading(query: string, limits: DirectiveLimits): boolean {
  let tokens: Token[];
  try {
    tokens = leadingTokens(query, limits.maxTokens);
  } catch {
    return false; // not lexable: the parser reports the syntax error
  }
  let total = 0;
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i]?.kind !== TokenKind.AT) {
      i += 1;
      continue;
    }
    // Directives at one location follow each other: @a(...) @b @c(...)
    const atLocation = new Set<string>();
    while (tokens[i]?.kind === TokenKind.AT && tokens[i + 1]?.kind === TokenKind.NAME) {
      const name = tokens[i + 1]?.value ?? '';
      total += 1;
      if (atLocation.has(name) || total > limits.maxDirectives) return true;
      atLocation.add(name);
      i += 2;
      if (tokens[i]?.kind === TokenKind.PAREN_L) i = skipArguments(tokens, i);
    }
    i += 1;
  }
  return false;
}

/**
 * Refuses directive overloading with one error before GraphQL validation, which would report
 * each repeated or unknown directive separately: ten copies of a directive would get ten errors.
 */
export function refuseDirectiveOverloading(limits: DirectiveLimits): RequestHandler {
  return (req, res, next) => {
    const query: unknown = (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query === 'string' && hasDirectiveOverloading(query, limits)) {
      res.status(400).json({
        errors: [
          {
            message: 'The document has too many or repeated directives.',
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      });
      return;
    }
    next();
  };
}
