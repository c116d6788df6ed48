import { createSecretKey } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'controlplane-identity';
const AUDIENCE = 'controlplane';

export type TokenService = {
  issue(userId: string): Promise<string>;
  /** The user id of a valid token, or undefined. */
  verify(token: string): Promise<string | undefined>;
};

/** Bearer tokens for users: HS256 JWTs signed with a secret only the identity service holds. */
export function createTokenService(options: { secret: string; ttlHours: number }): TokenService {
  const key = createSecretKey(Buffer.from(options.secret, 'utf8'));
  return {
    issue(userId) {
      return new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${options.ttlHours}h`)
        .sign(key);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
        });
        return typeof payload.sub === 'string' ? payload.sub : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
