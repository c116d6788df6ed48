import { randomBytes } from 'node:crypto';
import { conflict, isUniqueViolation } from '@controlplane/errors';
import type { OrganizationRecord, OrganizationRepository } from '../repositories/organization-repository';

export type CreateOrganization = { name: string; slug?: string | undefined; description?: string | null | undefined };

/** A slug from a name: "ACME Platform Ops!" -> "acme-platform-ops". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug.length >= 2 ? slug : `org-${slug}`.replace(/-$/, '');
}

export function createOrganizationService(deps: { organizations: OrganizationRepository }) {
  const { organizations } = deps;

  /** A derived slug that clashes gets a short random suffix; a chosen one that clashes is a CONFLICT. */
  async function pickSlug(input: CreateOrganization): Promise<{ slug: string; chosen: boolean }> {
    if (input.slug !== undefined) return { slug: input.slug, chosen: true };
    const base = slugify(input.name);
    if (!(await organizations.slugExists(base))) return { slug: base, chosen: false };
    return { slug: `${base}-${randomBytes(3).toString('hex')}`, chosen: false };
  }

  return {
    async create(ownerId: string, input: CreateOrganization): Promise<OrganizationRecord> {
      const { slug, chosen } = await pickSlug(input);
      try {
        return await organizations.createWithOwner({
          slug,
          name: input.name,
          description: input.description ?? null,
          ownerId,
          ownerRole: 'OWNER',
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw conflict(chosen ? 'input.slug: is already taken' : 'input.name: an organization with a similar name was just created; try again');
        }
        throw error;
      }
    },
  };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;
