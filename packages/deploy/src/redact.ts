const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not searched for: replacing every "ab" would garble messages. */
const MIN_SECRET_LENGTH = 4;

/**
 * Removes credentials from a text that is about to be shown or stored: every occurrence of each
 * secret (raw, URL-encoded and base64), any `Basic …` / `Bearer …` credential, any
 * `authorization: …` header value and the user info of any URL (`https://user:pass@host`).
 * Use it on every message that came back from a deploy target.
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of new Set([
      secret,
      encodeURIComponent(secret),
      Buffer.from(secret).toString('base64'),
    ])) {
      result = result.split(form).join(REDACTED);
    }
  }
  return result
    .replace(/\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`)
    .replace(/(authorization["']?\s*[:=]\s*["']?)(?!(?:Basic|Bearer) )[^\s"',}]+/gi, `$1${REDACTED}`)
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, `$1${REDACTED}@`);
}
