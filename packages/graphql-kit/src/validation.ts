import { badUserInput } from '@controlplane/errors';
import { z } from 'zod';

/**
 * Parses input at the edge; the first problem becomes BAD_USER_INPUT naming the field
 * (`input.name: must be at most 100 characters`).
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, prefix?: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [prefix, ...(issue?.path ?? [])].filter((part) => part !== undefined && part !== '').join('.');
  throw badUserInput(path || 'input', issue?.message ?? 'is invalid');
}

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True for text PostgreSQL can store: no NUL character, no unpaired UTF-16 surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !UNPAIRED_SURROGATE.test(value);
}

export const UNSTORABLE_MESSAGE = 'must not contain NUL characters or broken Unicode';

/** Any free text: trimmed, bounded, storable. */
export function textField(max: number) {
  return z
    .string()
    .refine(isStorableText, UNSTORABLE_MESSAGE)
    .transform((value) => value.trim())
    .pipe(z.string().max(max, `must be at most ${max} characters`));
}

export const MAX_NAME_LENGTH = 100;
export const MAX_DESCRIPTION_LENGTH = 2000;

/** A display name: trimmed, 1 to 100 characters. */
export const nameField = z
  .string()
  .refine(isStorableText, UNSTORABLE_MESSAGE)
  .transform((value) => value.trim())
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`),
  );

export const descriptionField = textField(MAX_DESCRIPTION_LENGTH)
  .nullish()
  .transform((value) => (value === '' ? null : value));

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slugField = z
  .string()
  .min(2, 'must be at least 2 characters')
  .max(50, 'must be at most 50 characters')
  .regex(SLUG_PATTERN, 'must be lowercase letters, digits and single dashes, e.g. platform-team');

/**
 * A slug derived from a display name ("ACME Platform Ops!" -> "acme-platform-ops"): accents
 * folded, every run of other characters one dash, at most `maxLength` characters. A name with
 * fewer than two letters or digits gets `prefix` ("org", "item") in front, so the result always
 * passes SLUG_PATTERN.
 */
export function slugFromName(name: string, prefix: string, maxLength: number): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug.length >= 2 ? slug : `${prefix}-${slug}`.replace(/-$/, '');
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are opaque to clients; one that is not even well-formed cannot exist, so callers treat
 * it exactly like an unknown id (NOT_FOUND), never as a database error.
 */
export function isWellFormedId(id: unknown): id is string {
  return typeof id === 'string' && UUID_PATTERN.test(id);
}
