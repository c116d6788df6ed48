import type { z } from 'zod';

/**
 * Secrets published in this repository for a local trial (the defaults docker-compose.yml
 * carried) or shaped like one: anyone can read them, so production must never run on them.
 */
export const KNOWN_PLACEHOLDER_SECRETS: readonly string[] = [
  'local-compose-signing-secret-change-me-0001',
  'local-compose-jwt-secret-change-me-000000001',
  'bG9jYWwtY29tcG9zZS1rZXktY2hhbmdlLW1lLTAwMDA=',
];

/** "change-me", "changeme", "change_me", "CHANGE ME": the mark of a value meant to be replaced. */
const PLACEHOLDER_MARK = /change[-_ ]?me/i;

/**
 * A known placeholder: one of KNOWN_PLACEHOLDER_SECRETS, or any value marked "change me", also
 * when base64-encoded (as a key such as CREDENTIALS_KEY is given).
 */
export function isPlaceholderSecret(value: string): boolean {
  const trimmed = value.trim();
  if (KNOWN_PLACEHOLDER_SECRETS.includes(trimmed)) return true;
  return (
    PLACEHOLDER_MARK.test(trimmed) || PLACEHOLDER_MARK.test(Buffer.from(trimmed, 'base64').toString('latin1'))
  );
}

/**
 * A refinement for a service's environment: with NODE_ENV=production, none of the `names`
 * variables may hold a known placeholder secret. The service then refuses to start, and the
 * message names the variable.
 */
export function refusePlaceholderSecrets(names: readonly string[]) {
  return (environment: Record<string, unknown>, context: z.RefinementCtx): void => {
    if (environment.NODE_ENV !== 'production') return;
    for (const name of names) {
      const value = environment[name];
      if (typeof value === 'string' && isPlaceholderSecret(value)) {
        context.addIssue({
          code: 'custom',
          path: [name],
          message: 'is a published placeholder secret; with NODE_ENV=production set a secret of your own',
        });
      }
    }
  };
}
