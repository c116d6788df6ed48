import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ControlPlaneError, createError, ERROR_CLASSES, NotFoundError } from '@controlplane/client';
import { ErrorCode } from '@controlplane/errors';

const CONTRACT = join(__dirname, '..', '..', '..', 'contract', 'api.graphql');

/** The codes the contract's header lists (`#   CODE  meaning`). */
function contractCodes(): string[] {
  return [...readFileSync(CONTRACT, 'utf8').matchAll(/^#\s{2,}([A-Z_]+)\s{2,}\S/gm)].map(
    (match) => match[1] ?? '',
  );
}

/** Guards the promise that every code a server sends arrives as an exception class of its own. */
describe('the client errors', () => {
  it('have a class of their own for every code of the contract, of the services and of the gateway', () => {
    const codes = [...contractCodes(), ...Object.values(ErrorCode), 'RATE_LIMITED'];
    expect(contractCodes()).toEqual([
      'UNAUTHENTICATED',
      'NOT_FOUND',
      'FORBIDDEN',
      'BAD_USER_INPUT',
      'CONFLICT',
    ]);
    for (const code of codes) {
      const error = createError(code, 'message');
      expect({ code, class: error.constructor === ControlPlaneError }).toEqual({ code, class: false });
      expect(error).toBeInstanceOf(ERROR_CLASSES[code] ?? Object);
      expect(error).toMatchObject({ code, name: ERROR_CLASSES[code]?.name });
    }
  });

  it('give an unknown code to a plain ControlPlaneError that keeps it', () => {
    const error = createError('SOMETHING_NEW', 'a newer server said so');
    expect(error.constructor).toBe(ControlPlaneError);
    expect(error).toMatchObject({ code: 'SOMETHING_NEW', message: 'a newer server said so' });
  });

  it('are instances of ControlPlaneError and Error, with the name of their class', () => {
    const error = createError('NOT_FOUND', 'Design not found.', { requestId: 'r-1', status: 200 });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(ControlPlaneError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'NotFoundError', requestId: 'r-1', status: 200 });
  });
});
