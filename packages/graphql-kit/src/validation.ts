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

export const MAX_NAME_LENGTH = 100;
export const MAX_DESCRIPTION_LENGTH = 2000;

/** A display name: trimmed, 1 to 100 characters. */
export const nameField = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`);

export const descriptionField = z
  .string()
  .trim()
  .max(MAX_DESCRIPTION_LENGTH, `must be at most ${MAX_DESCRIPTION_LENGTH} characters`)
  .nullish()
  .transform((value) => (value === '' ? null : value));

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slugField = z
  .string()
  .min(2, 'must be at least 2 characters')
  .max(50, 'must be at most 50 characters')
  .regex(SLUG_PATTERN, 'must be lowercase letters, digits and single dashes, e.g. platform-team');

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are opaque to clients; one that is not even well-formed cannot exist, so callers treat
 * it exactly like an unknown id (NOT_FOUND), never as a database error.
 */
export function isWellFormedId(id: unknown): id is string {
  return typeof id === 'string' && UUID_PATTERN.test(id);
}
