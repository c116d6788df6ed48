import { isWellFormedId, nameField, textField } from '@controlplane/graphql-kit';
import { z } from 'zod';
import { CatalogVisibility } from './generated/prisma/enums';

const optionalText = (max: number) =>
  textField(max)
    .nullish()
    .transform((value) => (value === undefined || value === null || value === '' ? null : value));

const tagField = textField(200)
  .transform((tag) => tag.toLowerCase())
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(40, 'must be at most 40 characters')
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be letters, digits, dots, dashes or underscores'),
  );

export const publishDesignInput = z.object({
  designId: z.string(),
  catalogItemId: z
    .string()
    .nullish()
    .transform((id) => id ?? undefined)
    .refine((id) => id === undefined || isWellFormedId(id), 'is not a known id'),
  name: nameField.nullish().transform((name) => name ?? undefined),
  summary: optionalText(500),
  category: optionalText(60),
  tags: z
    .array(tagField)
    .max(20, 'must list at most 20 tags')
    .nullish()
    .transform((tags) => [...new Set(tags ?? [])]),
  visibility: z
    .enum(CatalogVisibility)
    .nullish()
    .transform((value) => value ?? undefined),
  version: z
    .string()
    .trim()
    .nullish()
    .transform((value) => value ?? undefined),
  changelog: optionalText(10_000),
});

export type PublishInput = z.output<typeof publishDesignInput>;

export const cloneCatalogItemInput = z.object({
  catalogItemId: z.string(),
  version: z
    .string()
    .trim()
    .nullish()
    .transform((value) => value ?? undefined),
  workspaceId: z.string().refine(isWellFormedId, 'is not a known id'),
  name: nameField.nullish().transform((name) => name ?? undefined),
});

export type CloneInput = z.output<typeof cloneCatalogItemInput>;

export const feedbackInput = z.object({
  catalogItemId: z.string(),
  rating: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be between 1 and 5')
    .max(5, 'must be between 1 and 5'),
  comment: optionalText(2000),
});

export type FeedbackInput = z.output<typeof feedbackInput>;

export const reviewCommentField = optionalText(2000);

/** catalog(filter): bounded, storable text; ids that cannot exist match nothing. */
export const catalogFilterInput = z.object({
  search: textField(200).nullish(),
  tags: z.array(textField(40)).max(20, 'must list at most 20 tags').nullish(),
  category: textField(60).nullish(),
  publisherOrganizationId: z.string().nullish(),
  visibility: z.enum(CatalogVisibility).nullish(),
});

export type CatalogFilter = z.output<typeof catalogFilterInput>;
