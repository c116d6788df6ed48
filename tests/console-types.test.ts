import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/**
 * Fails when the supergraph or an operation changed and `npm run codegen` was not run: the
 * console's operation types, and @controlplane/client's typed documents with the schema.graphql it
 * ships. GraphQL Code Generator's CLI is ESM-only in parts that Jest's CommonJS runtime cannot load
 * on Node 20, so the check runs the built codegen script (npm test builds first) in a child process.
 */
describe('the operation types generated from the committed supergraph', () => {
  it.each([
    ['the console', '--check-console'],
    ['@controlplane/client', '--check-client'],
  ])(
    'of %s are what npm run codegen generates',
    (_, flag) => {
      const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'dist', 'codegen.js'), flag], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 180_000,
      });
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    },
    200_000,
  );
});
