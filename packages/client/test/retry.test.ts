import {
  BadUserInputError,
  ControlPlaneError,
  createBackoff,
  createRequester,
  NetworkError,
  parseRetryAfter,
  RateLimitedError,
  type RetryOptions,
  ServiceUnavailableError,
} from '@controlplane/client';
import { failure, ok, type ScriptedAnswer, startScriptedServer } from './scripted-server';

const QUERY = 'query Ping { organizations { id } }';
const MUTATION = 'mutation Make { createOrganization(input: { name: "x" }) { id } }';
const NOW = Date.parse('2026-11-30T08:00:00Z');

/**
 * A client of a scripted server whose waits are recorded instead of slept (the backoff is
 * injectable), with jitter fixed at 0.5 and a fixed clock.
 */
async function scripted(script: ScriptedAnswer[], retry: RetryOptions = {}) {
  const server = await startScriptedServer(script);
  const waits: number[] = [];
  const client = createRequester({
    url: server.url,
    apiKey: 'cp_test_key',
    retry: {
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 0.5,
      now: () => NOW,
      ...retry,
    },
  });
  return { server, waits, client };
}

describe('the client retry policy', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  async function setUp(script: ScriptedAnswer[], retry?: RetryOptions) {
    const made = await scripted(script, retry);
    servers.push(made.server);
    return made;
  }

  it('retries a query answered 503, then returns the data of the 200', async () => {
    const { server, waits, client } = await setUp([
      { status: 503, body: 'busy' },
      { status: 503, body: 'busy' },
      ok({ organizations: [{ id: '1' }] }),
    ]);
    await expect(client.request(QUERY)).resolves.toEqual({ organizations: [{ id: '1' }] });
    expect(server.seen).toHaveLength(3);
    // Decorrelated jitter from 250 ms: 250 + 0.5 × (750 − 250) = 500, then 250 + 0.5 × (1500 − 250) = 875.
    expect(waits).toEqual([500, 875]);
  });

  it('waits as long as a 429 Retry-After in seconds says', async () => {
    const { server, waits, client } = await setUp([
      failure('RATE_LIMITED', 429, { 'retry-after': '3' }),
      ok({ organizations: [] }),
    ]);
    await expect(client.request(QUERY)).resolves.toEqual({ organizations: [] });
    expect(server.seen).toHaveLength(2);
    expect(waits).toEqual([3000]);
  });

  it('waits until a Retry-After HTTP date', async () => {
    const at = new Date(NOW + 7000).toUTCString();
    const { waits, client } = await setUp([
      { status: 503, headers: { 'retry-after': at }, body: 'maintenance' },
      ok({ organizations: [] }),
    ]);
    await client.request(QUERY);
    expect(waits).toEqual([7000]);
  });

  it('retries a query whose only errors are SERVICE_UNAVAILABLE, sent with HTTP 200', async () => {
    const { server, client } = await setUp([failure('SERVICE_UNAVAILABLE'), ok({ organizations: [] })]);
    await client.request(QUERY);
    expect(server.seen).toHaveLength(2);
  });

  it('retries a query after the connection was cut', async () => {
    const { server, waits, client } = await setUp([{ drop: true }, ok({ organizations: [] })]);
    await expect(client.request(QUERY)).resolves.toEqual({ organizations: [] });
    expect(server.seen).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  it('never retries a mutation by default, whatever the failure', async () => {
    for (const answer of [
      failure('SERVICE_UNAVAILABLE', 503),
      failure('RATE_LIMITED', 429, { 'retry-after': '1' }),
      { drop: true } as const,
    ]) {
      const { server, waits, client } = await setUp([answer, ok({ createOrganization: { id: '1' } })]);
      await expect(client.request(MUTATION)).rejects.toBeInstanceOf(ControlPlaneError);
      expect(server.seen).toHaveLength(1);
      expect(waits).toEqual([]);
    }
  });

  it('retries a mutation when the call opts in', async () => {
    const { server, client } = await setUp([
      failure('RATE_LIMITED', 429),
      ok({ createOrganization: { id: '1' } }),
    ]);
    await expect(client.request(MUTATION, {}, { retry: { retryMutations: true } })).resolves.toEqual({
      createOrganization: { id: '1' },
    });
    expect(server.seen).toHaveLength(2);
  });

  it('retries a mutation when the client opts in', async () => {
    const { server, client } = await setUp(
      [failure('SERVICE_UNAVAILABLE', 503), ok({ createOrganization: {} })],
      {
        retryMutations: true,
      },
    );
    await client.request(MUTATION);
    expect(server.seen).toHaveLength(2);
  });

  it('never retries a call that turns retries off', async () => {
    const { server, client } = await setUp([failure('SERVICE_UNAVAILABLE', 503), ok({ organizations: [] })]);
    await expect(client.request(QUERY, {}, { retry: false })).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(server.seen).toHaveLength(1);
  });

  it('gives up after maxAttempts with the last typed error', async () => {
    const { server, waits, client } = await setUp([failure('SERVICE_UNAVAILABLE', 503)], { maxAttempts: 3 });
    const error = await client.request(QUERY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect(server.seen).toHaveLength(3);
    expect(waits).toHaveLength(2);
  });

  it('fails at once when Retry-After asks for longer than it will wait', async () => {
    const { server, waits, client } = await setUp([failure('RATE_LIMITED', 429, { 'retry-after': '3600' })]);
    const error = await client.request(QUERY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 3_600_000 });
    expect(server.seen).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('never retries an error of the request itself, and types it', async () => {
    const { server, client } = await setUp([
      {
        status: 200,
        body: {
          data: null,
          errors: [{ message: 'name: too long', extensions: { code: 'BAD_USER_INPUT', field: 'name' } }],
        },
      },
    ]);
    const error = await client.request(QUERY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).field).toBe('name');
    expect(server.seen).toHaveLength(1);
  });

  it('counts an attempt that outlives timeoutMs as a network error', async () => {
    const server = await startScriptedServer([{ hang: true }]);
    servers.push(server);
    const client = createRequester({ url: server.url, timeoutMs: 50, retry: false });
    const error = await client.request(QUERY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toMatch(/timed out/);
  });

  it('sends the API key as a bearer credential, and the operation name', async () => {
    const { server, client } = await setUp([ok({ organizations: [] })]);
    await client.request(QUERY);
    expect(server.seen[0]?.headers.authorization).toBe('Bearer cp_test_key');
    expect(server.seen[0]?.body).toMatchObject({ query: QUERY, operationName: 'Ping' });
  });
});

describe('the backoff', () => {
  it('grows by decorrelated jitter and never passes its cap', () => {
    const backoff = createBackoff({ baseDelayMs: 100, maxDelayMs: 2000, random: () => 0.999 });
    const waits = Array.from({ length: 8 }, () => backoff.next());
    expect(waits.slice(0, 3)).toEqual([299, 896, 2000]);
    expect(Math.max(...waits)).toBe(2000);
    const low = createBackoff({ baseDelayMs: 100, maxDelayMs: 2000, random: () => 0 });
    expect([low.next(), low.next()]).toEqual([100, 100]);
  });

  it('reads Retry-After as seconds or as an HTTP date, never negative', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW + 2000).toUTCString(), NOW)).toBe(2000);
    expect(parseRetryAfter(new Date(NOW - 2000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});
