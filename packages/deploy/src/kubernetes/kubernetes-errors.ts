import { OutboundError } from '@controlplane/outbound';
import { ApiException } from '@kubernetes/client-node';
import { DeployTargetError, formatDuration } from '../target-error';

type FailureContext = {
  /** The resource being worked on, as kind/namespace/name, when the failure is about one. */
  resource: string | undefined;
  /** Resources already done before the failure. */
  done: readonly string[];
  signal: AbortSignal;
  timeBudgetMs: number;
  secrets: readonly string[];
};

/** The status code and the Status message of a Kubernetes API error, when it is one. */
export function apiFailure(error: unknown): { status: number; message: string } | undefined {
  if (!(error instanceof ApiException)) return undefined;
  const status = Number(error.code);
  return { status, message: statusMessage(error.body) ?? `HTTP ${status}` };
}

function statusMessage(body: unknown): string | undefined {
  try {
    const parsed: unknown = typeof body === 'string' ? JSON.parse(body) : body;
    const message = (parsed as { message?: unknown } | null)?.message;
    return typeof message === 'string' && message !== '' ? message : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One message for a person, with the resource it concerns, never a credential: a Kubernetes
 * Status message (HTTP 4xx: not transient), an unreachable or refused API server, or the time
 * budget running out.
 */
export function toTargetError(error: unknown, context: FailureContext): DeployTargetError {
  const options = { secrets: context.secrets, resources: context.done };
  const prefix = context.resource ? `${context.resource}: ` : '';
  if (error instanceof DeployTargetError)
    return new DeployTargetError(`${prefix}${error.message}`, { ...options, transient: error.transient });
  if (context.signal.aborted) {
    return new DeployTargetError(
      `${prefix}the time budget of ${formatDuration(context.timeBudgetMs)} ran out before the cluster answered`,
      { ...options, transient: true },
    );
  }
  const api = apiFailure(error);
  if (api) {
    const transient = api.status === 429 || api.status >= 500;
    return new DeployTargetError(`${prefix}${api.message} (HTTP ${api.status})`, { ...options, transient });
  }
  if (error instanceof OutboundError)
    return new DeployTargetError(`${prefix}${error.message}`, { ...options, transient: error.transient });
  const message = error instanceof Error ? error.message : String(error);
  return new DeployTargetError(`${prefix}${message}`, { ...options, transient: false });
}
