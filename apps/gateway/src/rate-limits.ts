import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { Principal } from '@controlplane/auth';
import { ContractError, ErrorCode } from '@controlplane/errors';
import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitStore } from './rate-limit-store';
import type { RateBudget } from './traffic-config';

/** The budgets of README "Rate limits", each counted per caller, or per IP for `auth`. */
export type RateLimitBudgets = {
  anonymous: RateBudget;
  user: RateBudget;
  apiKey: RateBudget;
  mutations: RateBudget;
  auth: RateBudget;
};

/** Root fields that try a credential or create an account: credential stuffing's targets. */
const AUTH_FIELDS = new Set(['logIn', 'signUp']);

/** One budget's state after a charge, for the RateLimit-* headers. */
type Standing = { budget: RateBudget; remaining: number; resetMs: number };

export type RateLimitCharge = {
  principal: Principal;
  clientIp: string;
  operation: OperationDefinitionNode;
  document: DocumentNode;
};

/** Who pays for a request: the API key, the user, or the client IP of an anonymous caller. */
function callerKey(
  principal: Principal,
  clientIp: string,
): { key: string; kind: 'apiKey' | 'user' | 'anonymous' } {
  if (principal.kind === 'apiKey') return { key: `key:${principal.apiKeyId}`, kind: 'apiKey' };
  if (principal.kind === 'user') return { key: `user:${principal.userId}`, kind: 'user' };
  return { key: `ip:${clientIp}`, kind: 'anonymous' };
}

/** `logIn`/`signUp` fields at the root of the operation, aliases and fragments included. */
export function countAuthFields(operation: OperationDefinitionNode, document: DocumentNode): number {
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  );
  const seen = new Set<string>();
  const count = (selectionSet: SelectionSetNode): number =>
    selectionSet.selections.reduce((total, selection) => {
      if (selection.kind === Kind.FIELD) return total + (AUTH_FIELDS.has(selection.name.value) ? 1 : 0);
      if (selection.kind === Kind.INLINE_FRAGMENT) return total + count(selection.selectionSet);
      const fragment = fragments.get(selection.name.value);
      if (fragment === undefined || seen.has(fragment.name.value)) return total;
      seen.add(fragment.name.value);
      return total + count(fragment.selectionSet);
    }, 0);
  return count(operation.selectionSet);
}

/** What a browser client may read of a limited answer (CORS exposed headers). */
export const RATE_LIMIT_HEADERS = [
  'retry-after',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'ratelimit-policy',
];

/** Headers of the IETF RateLimit fields (draft 7 names) for one budget. */
function rateLimitHeaders({ budget, remaining, resetMs }: Standing): Array<[string, string]> {
  return [
    ['ratelimit-limit', String(budget.points)],
    ['ratelimit-remaining', String(Math.max(0, remaining))],
    ['ratelimit-reset', String(Math.ceil(resetMs / 1000))],
    ['ratelimit-policy', `${budget.points};w=${budget.seconds}`],
  ];
}

function rateLimited(standing: Standing): ContractError {
  const retryAfter = String(Math.max(1, Math.ceil(standing.resetMs / 1000)));
  return new ContractError(ErrorCode.RATE_LIMITED, `Too many requests; try again in ${retryAfter} s.`, {
    retryAfterSeconds: Number(retryAfter),
    http: {
      status: 429,
      headers: new HeaderMap([['retry-after', retryAfter], ...rateLimitHeaders(standing)]),
    },
  });
}

/**
 * Charges each operation to its caller's budgets once the operation is known (after parsing and
 * validation, before anything runs): one request to the caller's budget, one more to its
 * mutation budget for a mutation, and each `logIn`/`signUp` field to its IP's auth budget (as is
 * each bearer credential that authentication refuses). Over
 * a budget, the answer is HTTP 429 with Retry-After and RateLimit-* headers and one RATE_LIMITED
 * error; nothing runs. Every other answer carries the RateLimit-* headers of the tightest budget.
 */
export function createRateLimiter(budgets: RateLimitBudgets, store: RateLimitStore) {
  const limiters = {
    anonymous: store.limiter('anonymous', budgets.anonymous),
    user: store.limiter('user', budgets.user),
    apiKey: store.limiter('apikey', budgets.apiKey),
    mutations: store.limiter('mutation', budgets.mutations),
    auth: store.limiter('auth', budgets.auth),
  };

  async function consume(
    limiter: RateLimiterAbstract,
    budget: RateBudget,
    key: string,
    points: number,
  ): Promise<Standing> {
    try {
      const result = await limiter.consume(key, points);
      return { budget, remaining: result.remainingPoints, resetMs: result.msBeforeNext };
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes)
        throw rateLimited({ budget, remaining: 0, resetMs: refusal.msBeforeNext });
      throw refusal;
    }
  }

  /** Charges one operation; throws RATE_LIMITED over a budget. The tightest budget's standing otherwise. */
  async function charge({ principal, clientIp, operation, document }: RateLimitCharge): Promise<Standing> {
    const caller = callerKey(principal, clientIp);
    const charges = [consume(limiters[caller.kind], budgets[caller.kind], caller.key, 1)];
    if (operation.operation === 'mutation') {
      charges.push(consume(limiters.mutations, budgets.mutations, caller.key, 1));
      const authFields = countAuthFields(operation, document);
      if (authFields > 0) charges.push(consume(limiters.auth, budgets.auth, `ip:${clientIp}`, authFields));
    }
    // Charged at once (one round trip of latency); the first refusal answers.
    const standings = await Promise.all(charges);
    return standings.reduce((tightest, standing) =>
      standing.remaining / standing.budget.points < tightest.remaining / tightest.budget.points
        ? standing
        : tightest,
    );
  }

  /** A credential identity refused costs one point of the IP's auth budget; RATE_LIMITED once spent. */
  async function chargeRefusedCredential(clientIp: string): Promise<void> {
    await consume(limiters.auth, budgets.auth, `ip:${clientIp}`, 1);
  }

  return { charge, chargeRefusedCredential };
}

/** True for the gateway's refusal of a bearer credential (authenticate.ts). */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ContractError && error.extensions.code === ErrorCode.UNAUTHENTICATED;
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/** The Apollo plugin that charges operations (see createRateLimiter) and sets the headers. */
export function rateLimitPlugin<Context extends { principal: Principal; clientIp: string }>(
  limiter: RateLimiter,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let standing: Standing | undefined;
      return {
        async didResolveOperation({ contextValue, operation, document }) {
          if (operation === undefined) return;
          standing = await limiter.charge({
            principal: contextValue.principal,
            clientIp: contextValue.clientIp,
            operation,
            document,
          });
        },
        async willSendResponse({ response }) {
          if (standing === undefined) return;
          for (const [name, value] of rateLimitHeaders(standing)) response.http.headers.set(name, value);
        },
      };
    },
  };
}
