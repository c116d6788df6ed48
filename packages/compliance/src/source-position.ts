/** A place in an expression, both numbers 1-based as editors and GraphQL clients show them. */
export type SourcePosition = { readonly line: number; readonly column: number };

/**
 * The line and column of a UTF-16 offset into `text` (the parser's offsets are JavaScript string
 * indices). Columns count characters (code points), so an emoji before the error counts once.
 */
export function positionAt(text: string, offset: number): SourcePosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const before = text.slice(0, clamped);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  return { line, column: Array.from(before.slice(lineStart)).length + 1 };
}
