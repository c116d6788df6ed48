import { DeployTargetError, redact } from '../src';

describe('redact', () => {
  const token = 'glpat-Zx81_secret-token';

  it('removes a secret in every form it travels in: raw, URL-encoded and base64', () => {
    const text = `token ${token}; query ?t=${encodeURIComponent('p@ss/word!')}; b64 ${Buffer.from(token).toString('base64')}`;
    expect(redact(text, [token, 'p@ss/word!'])).toBe('token [REDACTED]; query ?t=[REDACTED]; b64 [REDACTED]');
  });

  it('removes basic and bearer credentials and authorization headers even when the secret is not given', () => {
    expect(redact('Authorization: Basic ZGVwbG95ZXI6czNjcmV0')).toBe('Authorization: Basic [REDACTED]');
    expect(redact('{"authorization":"Bearer eyJhbGciOi.x.y"}')).toBe('{"authorization":"Bearer [REDACTED]"}');
    expect(redact('authorization=token-abc123, next')).toBe('authorization=[REDACTED], next');
  });

  it('removes the user info of URLs', () => {
    expect(redact('fatal: could not read from https://deployer:hunter22@git.example.com/repo.git')).toBe(
      'fatal: could not read from https://[REDACTED]@git.example.com/repo.git',
    );
  });

  it('leaves short or missing secrets alone rather than garbling the message', () => {
    expect(redact('a bad request', ['a', undefined, ''])).toBe('a bad request');
  });

  it('is applied by DeployTargetError to its message', () => {
    const error = new DeployTargetError(`push to https://x:${token}@h/r failed with ${token}`, {
      secrets: [token],
      transient: false,
    });
    expect(error.message).toBe('push to https://[REDACTED]@h/r failed with [REDACTED]');
    expect(error.message).not.toContain(token);
    expect(error.cause).toBeUndefined();
  });
});
