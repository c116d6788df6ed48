import { descriptionField, isStorableText, nameField, UNSTORABLE_MESSAGE } from '@controlplane/graphql-kit';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { ConnectionKind, ConnectionStatus } from './repositories/environment-repository';

export const MAX_DESIGN_BYTES = 1024 * 1024;

/**
 * The first parse error of a YAML stream (several `---` documents allowed, as in Kubernetes
 * manifests). Only parsed, never turned into objects, so aliases cannot blow up memory.
 */
function yamlError(content: string): string | undefined {
  const documents = parseAllDocuments(content, { uniqueKeys: true });
  for (const document of Array.isArray(documents) ? documents : []) {
    const [error] = document.errors;
    if (error !== undefined) return error.message.split('\n')[0];
  }
  return undefined;
}

/** A design document: YAML (one or more documents) or JSON (which is YAML), at most 1 MiB. */
export const designContentField = z
  .string()
  .refine((content) => Buffer.byteLength(content, 'utf8') <= MAX_DESIGN_BYTES, 'must be at most 1 MiB')
  .refine((content) => content.trim() !== '', 'must not be empty')
  .refine(isStorableText, UNSTORABLE_MESSAGE)
  .superRefine((content, context) => {
    const error = yamlError(content);
    if (error !== undefined)
      context.addIssue({ code: 'custom', message: `must be valid YAML or JSON (${error})` });
  });

const optionalName = nameField.nullish().transform((name) => name ?? undefined);

export const createWorkspaceInput = z.object({
  organizationId: z.string(),
  name: nameField,
  description: descriptionField.transform((value) => value ?? null),
});

export const updateNamedInput = z.object({ name: optionalName, description: descriptionField.optional() });

export const createEnvironmentInput = createWorkspaceInput;

const urlField = z
  .string()
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .pipe(z.url({ protocol: /^(https?|ssh|git)$/, error: 'must be an http(s), ssh or git URL' }));

/** Credentials are a JSON object of secret fields; bounded so nobody stores a blob in them. */
const credentialsField = z
  .record(z.string(), z.unknown(), { error: 'must be a JSON object' })
  .refine((value) => JSON.stringify(value).length <= 64 * 1024, 'must be at most 64 KiB');

export const createConnectionInput = z.object({
  organizationId: z.string(),
  name: nameField,
  kind: z.enum(ConnectionKind),
  url: urlField,
  credentials: credentialsField.nullish(),
});

export const updateConnectionInput = z.object({
  name: optionalName,
  url: urlField.nullish().transform((url) => url ?? undefined),
  status: z
    .enum(ConnectionStatus)
    .nullish()
    .transform((status) => status ?? undefined),
  credentials: credentialsField.nullish(),
});

export const createDesignInput = z.object({
  workspaceId: z.string(),
  name: nameField,
  description: descriptionField.transform((value) => value ?? null),
  content: designContentField,
});

export const updateDesignInput = z.object({
  name: optionalName,
  description: descriptionField.optional(),
  content: designContentField.nullish().transform((content) => content ?? undefined),
});
