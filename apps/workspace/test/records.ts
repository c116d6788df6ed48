import { randomUUID } from 'node:crypto';

/** When every record of these tests was made and last changed. */
export const at = new Date('2026-01-01T00:00:00Z');

/** A stored record with `fields`, a fresh id, made and last changed `at`. */
export function recordOf<T extends { id: string; createdAt: Date; updatedAt: Date }>(
  fields: Omit<T, 'id' | 'createdAt' | 'updatedAt'>,
): T {
  return { id: randomUUID(), createdAt: at, updatedAt: at, ...fields } as T;
}
