import { descriptionField, nameField, slugField } from '@controlplane/graphql-kit';
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

export const signUpInput = z.object({ email: emailField, password: passwordField, displayName: nameField });

export const createOrganizationInput = z.object({
  name: nameField,
  slug: slugField.nullish().transform((slug) => slug ?? undefined),
  description: descriptionField,
});
