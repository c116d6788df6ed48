import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client';

export type CatalogPrisma = InstanceType<typeof PrismaClient>;

export function createCatalogPrisma(adapter: SqlDriverAdapterFactory): CatalogPrisma {
  return new PrismaClient({ adapter });
}
