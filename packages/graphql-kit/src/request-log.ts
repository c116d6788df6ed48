import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';

/** One structured log line per GraphQL request, carrying the request id via the context's logger. */
export function requestLogPlugin<Context extends { logger: Logger }>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors }) {
          contextValue.logger.info(
            {
              operationName,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
              errors: errors?.length ?? 0,
            },
            'graphql request',
          );
        },
      };
    },
  };
}
