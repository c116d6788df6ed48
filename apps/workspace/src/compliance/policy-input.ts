import { compilePolicy, MAX_EXPRESSION_BYTES } from '@controlplane/compliance';
import { ContractError, ErrorCode } from '@controlplane/errors';
import {
  descriptionField,
  isStorableText,
  nameField,
  parseInput,
  textField,
  UNSTORABLE_MESSAGE,
} from '@controlplane/graphql-kit';
import { z } from 'zod';

const severity = z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
const enforcement = z.enum(['AUDIT', 'DENY']);
/** Manifest kinds as Kubernetes spells them: Deployment, CronJob, ClusterRoleBinding. */
const kinds = z
  .array(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,62}$/, 'must be Kubernetes kinds such as Deployment'))
  .max(50, 'must list at most 50 kinds')
  .transform((list) => [...new Set(list)]);
const expression = z
  .string()
  .refine(isStorableText, UNSTORABLE_MESSAGE)
  .refine((value) => value.trim() !== '', 'must not be empty')
  .refine(
    (value) => Buffer.byteLength(value, 'utf8') <= MAX_EXPRESSION_BYTES,
    `must be at most ${MAX_EXPRESSION_BYTES} bytes`,
  );
const message = textField(500).pipe(z.string().min(1, 'must not be empty'));

export const createPolicyInput = z.object({
  organizationId: z.string(),
  name: nameField,
  description: descriptionField.transform((value) => value ?? null),
  severity,
  enforcement: enforcement.nullish().transform((value) => value ?? 'AUDIT'),
  kinds: kinds.nullish().transform((value) => value ?? []),
  expression,
  message,
});

export const updatePolicyInput = z.object({
  name: nameField.nullish().transform((value) => value ?? undefined),
  description: descriptionField.optional(),
  severity: severity.nullish().transform((value) => value ?? undefined),
  enforcement: enforcement.nullish().transform((value) => value ?? undefined),
  kinds: kinds.nullish().transform((value) => value ?? undefined),
  expression: expression.nullish().transform((value) => value ?? undefined),
  message: message.nullish().transform((value) => value ?? undefined),
});

/**
 * Parses a policy input and compiles its expression: a syntax or type error is BAD_USER_INPUT
 * with the position, so an editor can point at it.
 */
export function parsePolicyInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = parseInput(schema, value, 'input') as { expression?: string };
  if (parsed.expression !== undefined) {
    const compiled = compilePolicy(parsed.expression);
    if (!compiled.ok) {
      const { line, column, reason } = compiled.error;
      throw new ContractError(
        ErrorCode.BAD_USER_INPUT,
        `input.expression: ${reason} (line ${line}, column ${column})`,
        {
          field: 'input.expression',
          line,
          column,
          reason,
        },
      );
    }
  }
  return parsed as z.infer<T>;
}
