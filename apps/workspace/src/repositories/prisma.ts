import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client';

export type WorkspacePrisma = InstanceType<typeof PrismaClient>;

export function createWorkspacePrisma(adapter: SqlDriverAdapterFactory): WorkspacePrisma {
  return new PrismaClient({ adapter });
}
