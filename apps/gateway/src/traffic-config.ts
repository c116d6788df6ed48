import { optionalText, z } from '@controlplane/config';

/** A budget of `points` requests per `seconds`, written `points/seconds` in the environment. */
export type RateBudget = { points: number; seconds: number };

const rateBudget = (fallback: `${number}/${number}`) =>
  z
    .string()
    .default(fallback)
    .transform((value, context): RateBudget => {
      const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
      const points = Number(match?.[1]);
      const seconds = Number(match?.[2]);
      if (match === null || points < 1 || seconds < 1) {
        context.addIssue({ code: 'custom', message: 'must be "<requests>/<seconds>", both at least 1' });
        return z.NEVER;
      }
      return { points, seconds };
    });

/**
 * What the gateway lets through, and how often (README "Trusted documents" and "Rate limits").
 * The rate defaults leave a person (or a test suite) far below them; a script hammering the API,
 * or stuffing credentials into logIn, meets them.
 */
export const trafficEnvironment = {
  /** `off`: no persisted operations; `partial`: the allow-list, APQ and any document; `required`: the allow-list only. */
  TRUSTED_DOCUMENTS: z.enum(['off', 'partial', 'required']).default('partial'),
  /** Comma-separated manifests (`{ "<sha256>": "<document>" }`); the console's when absent. */
  TRUSTED_DOCUMENTS_MANIFESTS: optionalText,
  /** Bytes of documents the APQ cache holds (least recently used go first). */
  APQ_CACHE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(8 * 1024 * 1024),
  APQ_TTL_SECONDS: z.coerce.number().int().min(1).default(86_400),
  /** `off` lifts every rate limit (benchmarks); the budgets below apply when `on`. */
  RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  /** Requests of one anonymous client IP. */
  RATE_LIMIT_ANONYMOUS: rateBudget('1200/60'),
  /** Requests of one signed-in user, whatever its sessions or IPs. */
  RATE_LIMIT_USER: rateBudget('3000/60'),
  /** Requests of one API key. */
  RATE_LIMIT_API_KEY: rateBudget('6000/60'),
  /** Mutations of one caller (user, API key, or anonymous IP), counted besides its requests. */
  RATE_LIMIT_MUTATIONS: rateBudget('600/60'),
  /** `logIn` and `signUp` fields from one client IP, whoever the caller: credential stuffing. */
  RATE_LIMIT_AUTH: rateBudget('300/600'),
  /** Shared counters in Redis (all replicas share budgets); wins over RATE_LIMIT_DATABASE_URL. */
  REDIS_URL: optionalText,
  /** Shared counters in PostgreSQL (schema `gateway`, table `RateLimit`); memory of each replica when neither is set. */
  RATE_LIMIT_DATABASE_URL: optionalText,
  /** Prefix of every counter key, so several deployments can share one store. */
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).default('cp'),
  /**
   * Proxies whose X-Forwarded-For is believed (Express "trust proxy": `loopback`, addresses,
   * CIDRs, comma-separated). Unset: the client IP is the TCP peer, whatever the header says.
   */
  TRUSTED_PROXIES: optionalText,
};
