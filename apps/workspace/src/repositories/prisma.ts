import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

export type WorkspacePrisma = InstanceType<typeof PrismaClient>;
/** The client or a transaction: repositories work with either. */
export type WorkspaceDb = WorkspacePrisma | Prisma.TransactionClient;

export function createWorkspacePrisma(adapter: SqlDriverAdapterFactory): WorkspacePrisma {
  return new PrismaClient({ adapter });
}
