import { ErrorCode } from '@controlplane/errors';
import type { Logger } from '@controlplane/runtime';
import type { FormattedExecutionResult } from 'graphql';

/** Sent instead of an answer over the limit: no partial data, and the limit is not stated. */
const TOO_LARGE = JSON.stringify({
  errors: [
    {
      message: 'The response is too large; ask for fewer items or fields.',
      extensions: { code: ErrorCode.RESPONSE_TOO_LARGE },
    },
  ],
});

/**
 * Apollo's `stringifyResult`: compact JSON, and an answer of more than `maxBytes` bytes is
 * replaced by one RESPONSE_TOO_LARGE error. The cost limit bounds how much an operation may ask
 * for; this bounds what leaves, whatever the data turned out to be (a page of 1 MiB documents).
 */
export function createResultStringifier(options: { maxBytes: number; logger: Logger }) {
  return (result: FormattedExecutionResult): string => {
    const text = JSON.stringify(result);
    const bytes = Buffer.byteLength(text);
    if (bytes <= options.maxBytes) return text;
    options.logger.warn({ bytes }, 'refused a response over MAX_RESPONSE_BYTES');
    return TOO_LARGE;
  };
}
