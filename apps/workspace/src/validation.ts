import { descriptionField, nameField } from '@controlplane/graphql-kit';
import { z } from 'zod';

export const createWorkspaceInput = z.object({
  organizationId: z.string(),
  name: nameField,
  description: descriptionField.transform((value) => value ?? null),
});
