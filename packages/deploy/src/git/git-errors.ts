import { OutboundError } from '@controlplane/outbound';
import { DeployTargetError, formatDuration } from '../target-error';

/**
 * The server did not take the push. Usually the branch moved between our fetch and our push
 * (someone else pushed), so it is retried from a fresh fetch; a hook or branch protection that
 * refuses keeps refusing, and its reason ends up in the message.
 */
export class PushRefused extends Error {
  constructor(branch: string, detail: string | undefined) {
    super(
      `the Git server did not update ${branch}${detail ? ` (${detail})` : ''}; another push may have landed first, or the branch is protected`,
    );
  }
}

/** The reasons isomorphic-git reports for refs the server refused to update. */
export function refusalDetail(error: unknown): string | undefined {
  const refs =
    (error as { data?: { result?: { refs?: Record<string, { ok?: boolean; error?: string }> } } }).data
      ?.result?.refs ?? {};
  const reasons = Object.values(refs)
    .map((ref) => ref.error?.trim())
    .filter((reason): reason is string => !!reason);
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/** isomorphic-git errors carry a `code` and, for HTTP failures, `data.statusCode`. */
function httpStatusOf(error: unknown): number | undefined {
  const { code, data } = error as { code?: unknown; data?: { statusCode?: unknown } };
  return code === 'HttpError' && typeof data?.statusCode === 'number' ? data.statusCode : undefined;
}

/** Worth another try from a fresh fetch: a concurrent push, a network failure, a 429 or a 5xx. */
export function isTransientGitFailure(error: unknown): boolean {
  if (error instanceof PushRefused) return true;
  if (error instanceof OutboundError) return error.transient;
  const code = (error as { code?: unknown }).code;
  if (code === 'PushRejectedError' || code === 'GitPushError') return true;
  const status = httpStatusOf(error);
  return status !== undefined && (status === 429 || status >= 500);
}

type FailureContext = { signal: AbortSignal; timeBudgetMs: number; secrets: readonly string[] };

/** One redacted sentence for a person about why the Git target failed. */
export function toGitTargetError(error: unknown, context: FailureContext): DeployTargetError {
  const fail = (message: string, transient: boolean) =>
    new DeployTargetError(message, { secrets: context.secrets, transient });
  if (error instanceof DeployTargetError) return error;
  if (context.signal.aborted)
    return fail(
      `the time budget of ${formatDuration(context.timeBudgetMs)} ran out before the Git server finished`,
      true,
    );
  if (error instanceof OutboundError) return fail(error.message, error.transient);
  const status = httpStatusOf(error);
  if (status === 401 || status === 403)
    return fail(
      `the Git server refused the credentials (HTTP ${status}); check the connection's username and token`,
      false,
    );
  if (status === 404) return fail('the Git server has no such repository (HTTP 404)', false);
  if (status !== undefined)
    return fail(`the Git server answered HTTP ${status}`, status === 429 || status >= 500);
  const message = error instanceof Error ? error.message : String(error);
  return fail(message, isTransientGitFailure(error));
}
