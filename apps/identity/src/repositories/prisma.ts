import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client';

export type IdentityPrisma = InstanceType<typeof PrismaClient>;
export type IdentityTransaction = Parameters<Parameters<IdentityPrisma['$transaction']>[0]>[0];

export function createIdentityPrisma(adapter: SqlDriverAdapterFactory): IdentityPrisma {
  return new PrismaClient({ adapter });
}
