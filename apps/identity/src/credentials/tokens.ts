import { createSecretKey, randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload, type KeyObject } from 'jose';

const ISSUER = 'controlplane-identity';
const AUDIENCE = 'controlplane';

/** Who a user token names: the user (`sub`) and the session it belongs to (`sid`). */
export type TokenClaims = { userId: string; sessionId: string };

export type TokenService = {
  /** How long a token (and the session it is issued for) lives. */
  readonly ttlMs: number;
  issue(claims: TokenClaims): Promise<string>;
  /**
   * The claims of a well-signed, unexpired token, or undefined. A token without a session id
   * (issued before sessions existed) is not valid. Whether the session is still live is the
   * principal lookup's to check, in its one statement.
   */
  verify(token: string): Promise<TokenClaims | undefined>;
};

/**
 * Bearer tokens for users: HS256 JWTs signed with a secret only the identity service holds. A
 * `previousSecret` (JWT_SECRET_PREVIOUS) is accepted besides it, never used to sign: tokens
 * signed with either key are valid while a rotation is under way.
 */
export function createTokenService(options: {
  secret: string;
  previousSecret?: string | undefined;
  ttlHours: number;
}): TokenService {
  const key = createSecretKey(Buffer.from(options.secret, 'utf8'));
  const keys = [key];
  if (options.previousSecret !== undefined)
    keys.push(createSecretKey(Buffer.from(options.previousSecret, 'utf8')));
  return {
    ttlMs: options.ttlHours * 3_600_000,
    issue({ userId, sessionId }) {
      return (
        new SignJWT({ sid: sessionId })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .setSubject(userId)
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setIssuedAt()
          .setExpirationTime(`${options.ttlHours}h`)
          // Each token differs, even two issued for one session within the same second.
          .setJti(randomUUID())
          .sign(key)
      );
    },
    async verify(token) {
      const payload = await verifiedPayload(token, keys);
      if (typeof payload?.sub !== 'string' || typeof payload.sid !== 'string') return undefined;
      return { userId: payload.sub, sessionId: payload.sid };
    },
  };
}

/** The claims of `token` under the first key whose signature matches, or undefined. */
async function verifiedPayload(token: string, keys: readonly KeyObject[]): Promise<JWTPayload | undefined> {
  for (const key of keys) {
    try {
      const { payload } = await jwtVerify(token, key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      return payload;
    } catch (error) {
      // Only a signature made with another key may match the next one; any other fault is final.
      if (!(error instanceof joseErrors.JWSSignatureVerificationFailed)) return undefined;
    }
  }
  return undefined;
}
