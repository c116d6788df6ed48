import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

export type IdentityPrisma = InstanceType<typeof PrismaClient>;
/** The client or a transaction: repositories work with either. */
export type IdentityDb = IdentityPrisma | Prisma.TransactionClient;

export function createIdentityPrisma(adapter: SqlDriverAdapterFactory): IdentityPrisma {
  return new PrismaClient({ adapter });
}
