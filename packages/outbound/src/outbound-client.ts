import { Agent, fetch, type RequestInit, type Response } from 'undici';
import { createGuardedConnector } from './guarded-connector';
import { OutboundError } from './outbound-error';
import { compilePolicy, type OutboundPolicy } from './policy';
import { parseOutboundUrl } from './url-check';

/** Request options of the guarded fetch: those of fetch, without the ones the guard owns. */
export type OutboundRequestInit = Omit<RequestInit, 'dispatcher' | 'redirect'>;

export type OutboundClientOptions = OutboundPolicy & {
  /**
   * PEM certificate authorities to trust instead of the system ones, as a kubeconfig's
   * `certificate-authority-data` does (decoded).
   */
  ca?: string;
};

/** A fetch that can only reach what the policy allows; close it when done to free its sockets. */
export type OutboundClient = {
  fetch(url: string | URL, init?: OutboundRequestInit): Promise<Response>;
  close(): Promise<void>;
};

/**
 * Creates the only way the control plane calls a user-given URL. Every request is checked before
 * it is sent (URL, scheme, IP literal) and every connection when it is opened (the resolved
 * addresses); a redirect is never followed but fails with OutboundError('redirect'). Errors are
 * OutboundErrors naming the target by origin only.
 */
export function createOutboundClient(options: OutboundClientOptions): OutboundClient {
  const policy = compilePolicy(options);
  const agent = new Agent({
    connect: createGuardedConnector(policy, options.ca !== undefined ? { ca: options.ca } : {}),
  });
  return {
    async fetch(url, init = {}) {
      const target = parseOutboundUrl(String(url), policy);
      let response: Response;
      try {
        response = await fetch(target, { ...init, dispatcher: agent, redirect: 'manual' });
      } catch (error) {
        throw toOutboundError(error, target.origin);
      }
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        throw new OutboundError(
          'redirect',
          `${target.origin} answered with a redirect (HTTP ${response.status}${describeLocation(response, target)}); redirects are not followed`,
        );
      }
      return response;
    },
    close: () => agent.close(),
  };
}

/** Where a redirect points, by origin only: a path or query could carry a token. */
function describeLocation(response: Response, base: URL): string {
  const location = response.headers.get('location');
  if (location === null) return '';
  try {
    return ` to ${new URL(location, base).origin}`;
  } catch {
    return '';
  }
}

function toOutboundError(error: unknown, origin: string): OutboundError {
  if (error instanceof OutboundError) return error;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof OutboundError) return cause;
  const name = (error as { name?: unknown }).name;
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new OutboundError('aborted', `the call to ${origin} was aborted before it finished`, {
      cause: error,
    });
  }
  return new OutboundError('network', `could not reach ${origin}: ${describeCause(cause ?? error)}`, {
    cause: error,
  });
}

function describeCause(cause: unknown): string {
  const { code, message } = cause as { code?: unknown; message?: unknown };
  if (typeof message === 'string' && message !== '') return message;
  return typeof code === 'string' ? code : 'the connection failed';
}
