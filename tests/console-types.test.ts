import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/**
 * Fails when the supergraph or a console operation changed and `npm run codegen` was not run.
 * GraphQL Code Generator's CLI is ESM-only in parts that Jest's CommonJS runtime cannot load on
 * Node 20, so the check runs the built codegen script (npm test builds first) in a child process.
 */
describe('the console operation types', () => {
  it('are what npm run codegen generates from the committed supergraph and the console sources', () => {
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'scripts', 'dist', 'codegen.js'), '--check-console'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 180_000,
      },
    );
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
