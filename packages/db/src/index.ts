export { openDatabase } from './database';
export type { Database, DatabaseOptions } from './database';
export {
  applyMigrations,
  checksumOf,
  grantServicePrivileges,
  planMigrations,
  readMigrations,
  MIGRATIONS_TABLE,
} from './migrations';
export type { Migration, AppliedMigration, ServiceRoleGrant } from './migrations';
export { createPostgresExecutor, createPostgresPool } from './postgres';
export type { StatementListener } from './postgres';
export { createEmbeddedExecutor, openEmbeddedDatabase } from './embedded';
export type { SqlExecutor, TransactionExecutor } from './sql-executor';
export {
  createPrismaTransact,
  createTransact,
  TRANSACTION_MAX_WAIT_MS,
  TRANSACTION_TIMEOUT_MS,
} from './transaction';
export type { PrismaTransactions, UnitOfWork } from './transaction';
export { namedResourceColumns } from './named-resource';
export type { NamedResourceChange, NamedResourceRecord, NewNamedResource } from './named-resource';
export {
  ensureServiceRoles,
  migrateSubgraphSchemas,
  serviceDatabaseUrl,
  serviceRoleOf,
  SUBGRAPH_SCHEMAS,
} from './service-roles';
export type { SubgraphSchema } from './service-roles';
