/**
 * The columns that every named resource of an organization has (a team, a workspace, an
 * environment), as a Prisma `select`, and the record they read.
 */
export const namedResourceColumns = {
  id: true,
  organizationId: true,
  name: true,
  description: true,
  createdAt: true,
} as const;

export type NamedResourceRecord = {
  id: string;
  organizationId: string;
  name: string;
  description: string | null;
  createdAt: Date;
};

/** A new named resource: its organization, name and description. */
export type NewNamedResource = Pick<NamedResourceRecord, 'organizationId' | 'name' | 'description'>;

/** A change of a named resource: the fields given change, the others stay. */
export type NamedResourceChange = { name?: string | undefined; description?: string | null | undefined };
