import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/**
 * Fails when the supergraph or an operation of @controlplane/client changed and `npm run codegen`
 * was not run: the client's typed documents and the schema.graphql it ships must be what the
 * committed supergraph gives. Runs the built codegen script, as tests/console-types.test.ts does.
 */
describe('the @controlplane/client generated files', () => {
  it('are what npm run codegen generates from the committed supergraph and the client operations', () => {
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'scripts', 'dist', 'codegen.js'), '--check-client'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
