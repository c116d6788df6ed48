import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

export type CatalogPrisma = InstanceType<typeof PrismaClient>;
/** The client or a transaction: repositories work with either. */
export type CatalogDb = CatalogPrisma | Prisma.TransactionClient;

export function createCatalogPrisma(adapter: SqlDriverAdapterFactory): CatalogPrisma {
  return new PrismaClient({ adapter });
}
