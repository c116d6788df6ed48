import type { CatalogFeedbackResolvers } from './schema-types.generated';

export const CatalogFeedback = {
  author: (feedback) => ({ id: feedback.userId }),
} satisfies CatalogFeedbackResolvers;
