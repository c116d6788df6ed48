import { ORG_ROLES } from '@controlplane/auth';
import { descriptionField, isWellFormedId, nameField, slugField, textField } from '@controlplane/graphql-kit';
import { badUserInput } from '@controlplane/errors';
import { z } from 'zod';

/** Emails compare case-insensitively, so they are stored lowercased. */
export const emailField = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be a valid email address'))
  .transform((email) => email.toLowerCase());

export const MIN_PASSWORD_LENGTH = 10;

export const passwordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'must be at most 200 characters');

const idField = z.string().refine(isWellFormedId, 'is not a known id');

export const signUpInput = z.object({ email: emailField, password: passwordField, displayName: nameField });

export const createOrganizationInput = z.object({
  name: nameField,
  slug: slugField.nullish().transform((slug) => slug ?? undefined),
  description: descriptionField,
});

/** An update names only what changes; null for a name means "no change", for a description "clear it". */
export const updateOrganizationInput = z.object({
  name: nameField.nullish().transform((name) => name ?? undefined),
  description: descriptionField.optional(),
});

export const createTeamInput = z.object({
  organizationId: z.string(),
  name: nameField,
  description: descriptionField.transform((value) => value ?? null),
});

export const updateTeamInput = updateOrganizationInput;

export const inviteMemberInput = z.object({
  organizationId: z.string(),
  email: emailField,
  role: z.enum(ORG_ROLES),
  teamIds: z
    .array(idField)
    .max(50, 'must list at most 50 teams')
    .nullish()
    .transform((ids) => [...new Set(ids ?? [])]),
  expiresInHours: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(24 * 30, 'must be at most 720 (30 days)')
    .nullish()
    .transform((hours) => hours ?? 168),
});

export const createApiKeyInput = z.object({
  organizationId: z.string(),
  name: nameField,
  role: z.enum(ORG_ROLES),
  expiresAt: z
    .date()
    .nullish()
    .transform((date) => date ?? null),
});

export const MAX_AUDITED_ORGANIZATIONS = 50;

/**
 * The organizations an auditLog request lists, each once. Counted after removing repeats, so the
 * shield rule and the resolver judge the very same list.
 */
export function auditedOrganizationIds(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw badUserInput('organizationIds', 'must list at least one organization');
  if (unique.length > MAX_AUDITED_ORGANIZATIONS)
    throw badUserInput('organizationIds', `must list at most ${MAX_AUDITED_ORGANIZATIONS} organizations`);
  return unique;
}

/** auditLog filters: bounded, storable text (they end up in SQL parameters). */
export const auditFilterInput = z.object({
  actions: z.array(textField(100)).max(50, 'must list at most 50 actions').nullish(),
  actorId: textField(100).nullish(),
  targetType: textField(100).nullish(),
  targetId: textField(100).nullish(),
  since: z.date().nullish(),
  until: z.date().nullish(),
});
