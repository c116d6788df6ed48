import {
  descriptionField,
  isStorableText,
  nameField,
  parseInput,
  UNSTORABLE_MESSAGE,
} from '@controlplane/graphql-kit';
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
  .pipe(z.url({ protocol: /^(https?|ssh|git)$/, error: 'must be an http(s), ssh or git URL' }))
  // A URL is shown to every member: secrets belong in the write-only credentials.
  .refine((url) => !hasUserInfo(url), 'must not contain a user name or password: put them in credentials');

/** True for a URL with `user:pass@` (a parse failure is reported by the URL check itself). */
function hasUserInfo(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}

/** Credentials are a JSON object of secret fields; bounded so nobody stores a blob in them. */
const credentialsField = z
  .record(z.string(), z.unknown(), { error: 'must be a JSON object' })
  .refine((value) => JSON.stringify(value).length <= 64 * 1024, 'must be at most 64 KiB');

/** A Kubernetes name: a DNS-1123 label (namespaces), or a relative path and branch for Git. */
const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a DNS-1123 label such as shop-prod');
const gitBranch = z
  .string()
  .max(200, 'must be at most 200 characters')
  .regex(/^(?!\/|.*\/\/|.*\.\.|.*\.lock$|.*\/$)[A-Za-z0-9._/-]+$/, 'must be a branch name such as main');
const gitPath = z
  .string()
  .max(300, 'must be at most 300 characters')
  .regex(
    /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._/{}-]+$/,
    'must be a relative path such as {environment}/{design}.yaml',
  );

/** Non-secret settings by connection kind (Connection.settings); null clears them. */
const SETTINGS_BY_KIND: Partial<Record<ConnectionKind, z.ZodType>> = {
  KUBERNETES: z.strictObject({ namespace: dnsLabel.optional() }),
  GIT: z.strictObject({ branch: gitBranch.optional(), path: gitPath.optional() }),
};
const otherSettings = z
  .record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean()]), {
    error: 'must be a JSON object',
  })
  .refine((value) => Object.keys(value).length <= 20, 'must have at most 20 settings');

/** Parses settings for a connection of `kind`; undefined when absent, null to clear. */
export function connectionSettingsFor(
  kind: ConnectionKind,
  value: unknown,
): Record<string, unknown> | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const schema = SETTINGS_BY_KIND[kind] ?? otherSettings;
  return parseInput(schema, value, 'input.settings') as Record<string, unknown>;
}

export const createConnectionInput = z.object({
  organizationId: z.string(),
  name: nameField,
  kind: z.enum(ConnectionKind),
  url: urlField,
  credentials: credentialsField.nullish(),
  settings: z.unknown().optional(),
});

export const updateConnectionInput = z.object({
  name: optionalName,
  url: urlField.nullish().transform((url) => url ?? undefined),
  status: z
    .enum(ConnectionStatus)
    .nullish()
    .transform((status) => status ?? undefined),
  credentials: credentialsField.nullish(),
  settings: z.unknown().optional(),
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
