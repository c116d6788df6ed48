import { ContractError, ErrorCode } from '@controlplane/errors';
import { GraphQLError } from 'graphql';
import pino from 'pino';
import { createErrorFormatter } from '../src/format-error';

const format = createErrorFormatter(pino({ level: 'silent' }));

/** What Apollo hands the formatter: the formatted error and the GraphQLError wrapping the cause. */
function formatted(cause: Error) {
  const error = new GraphQLError(cause.message, { path: ['createDesign'], originalError: cause });
  return format({ ...error.toJSON(), extensions: {} }, error);
}

function prismaError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, clientVersion: '7' });
}

describe('the error formatter', () => {
  it('lets contract errors through without a stack trace', () => {
    const error = new ContractError(ErrorCode.NOT_FOUND, 'Design not found.');
    const answer = format(
      { message: error.message, extensions: { code: 'NOT_FOUND', stacktrace: ['x'] } },
      error,
    );
    expect(answer).toEqual({ message: 'Design not found.', extensions: { code: 'NOT_FOUND' } });
  });

  it.each([
    ['P2028', 'Transaction API error: Unable to start a transaction in the given time.'],
    ['P2024', 'Timed out fetching a new connection from the connection pool.'],
    ['P1001', "Can't reach database server at 127.0.0.1:5432"],
  ])('answers a busy or unreachable database (%s) as SERVICE_UNAVAILABLE, without its text', (code, text) => {
    const answer = formatted(prismaError(code, text));
    expect(answer).toEqual({
      message: 'The database is busy or unavailable; try again shortly.',
      path: ['createDesign'],
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  });

  it('hides any other failure behind INTERNAL_SERVER_ERROR', () => {
    expect(
      formatted(prismaError('P2003', 'Foreign key constraint violated on "Design_workspaceId_fkey"')),
    ).toEqual({
      message: 'Internal server error',
      path: ['createDesign'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
