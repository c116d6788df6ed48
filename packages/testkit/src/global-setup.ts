import { recreateDatabase, migrateDatabase, testDatabaseUrl } from './database';

/**
 * Once per test run: a fresh test database with every subgraph's migrations applied. Tests then
 * share it and stay independent through unique data, never through order or truncation.
 */
export default async function globalSetup(): Promise<void> {
  const url = testDatabaseUrl();
  await recreateDatabase(url);
  await migrateDatabase(url);
}
