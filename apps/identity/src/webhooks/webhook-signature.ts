import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks (https://www.standardwebhooks.com): the secret is `whsec_` and the base64 of
 * the key; each request carries `webhook-id`, `webhook-timestamp` (Unix seconds) and
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`.
 */
const SECRET_PREFIX = 'whsec_';

/** A fresh signing key: 32 random bytes. */
export function generateSigningKey(): Buffer {
  return randomBytes(32);
}

/** The secret as the partner configures it, shown once. */
export function formatSecret(key: Buffer): string {
  return `${SECRET_PREFIX}${key.toString('base64')}`;
}

/** The headers that let the receiver check who sent `body` and when. */
export function signatureHeaders(
  key: Buffer,
  message: { id: string; timestampSeconds: number; body: string },
): Record<string, string> {
  const signed = `${message.id}.${message.timestampSeconds}.${message.body}`;
  const signature = createHmac('sha256', key).update(signed).digest('base64');
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(message.timestampSeconds),
    'webhook-signature': `v1,${signature}`,
  };
}
