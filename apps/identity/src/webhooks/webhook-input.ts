import { z } from 'zod';

/** An exact audit action (`member.role.set`) or a prefix ending in `.*` (`catalog.*`). */
const eventPattern = z
  .string()
  .max(100, 'must be at most 100 characters')
  .regex(
    /^[a-z]+(\.[a-z]+)+$|^[a-z]+(\.[a-z]+)*\.\*$/,
    'must be an audit action (catalog.item.withdraw) or a prefix ending in .* (catalog.*)',
  );

export const createWebhookInput = z.object({
  organizationId: z.string(),
  url: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
  events: z
    .array(eventPattern)
    .max(50, 'must list at most 50 actions or prefixes')
    .nullish()
    .transform((events) => [...new Set(events ?? [])].sort()),
});

export type CreateWebhookInput = z.infer<typeof createWebhookInput>;
