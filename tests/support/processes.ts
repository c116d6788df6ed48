import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Stack } from '@controlplane/testkit';

/** The built entry point of a service (`npm test` builds it first). */
export function serviceEntry(service: 'identity' | 'workspace'): string {
  const entry = join(__dirname, '..', '..', 'apps', service, 'dist', 'index.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build before this test`);
  return entry;
}

/**
 * A real process of a service on the stack's database (another replica, as in production): quiet,
 * on a free port, with the service's signing key and its callers' public keys; `env` adds its own settings.
 */
export function spawnService(
  service: 'identity' | 'workspace',
  stack: Stack,
  env: Record<string, string>,
  stderr: 'ignore' | 'pipe' = 'ignore',
): ChildProcess {
  return spawn(process.execPath, [serviceEntry(service)], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      [`${service.toUpperCase()}_PORT`]: '0',
      // as the service's own role, as in production (packages/db service roles)
      DATABASE_URL: stack.serviceDatabaseUrls?.[service] ?? stack.databaseUrl,
      DATABASE_POOL_SIZE: '2',
      // its own signing key and the public keys of its callers, as the stack configured the service
      ...stack.signingEnvironmentOf(service),
      ...env,
    },
    stdio: ['ignore', 'ignore', stderr],
  });
}

/** Sends `signal` and resolves once the process exited (at once when it already had). */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Resolves with `condition`'s first answer other than undefined, asked again (every 25 ms) until `timeoutMs`. */
export async function eventually<T>(
  what: string,
  condition: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 180_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await condition();
    if (answer !== undefined) return answer;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
