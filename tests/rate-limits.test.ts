import { randomUUID } from 'node:crypto';
import { TEST_PASSWORD, useStack, type TestUser } from '@controlplane/testkit';
import { startGatewayReplica, type GatewayReplica } from './gateway-replica';

const { stack, make } = useStack();

const PING = { query: '{ __typename }' };
const ME = { query: '{ me { user { id } } }' };
/** A mutation refused for its input still counts: the budget is charged before anything runs. */
const EMPTY_ORGANIZATION = {
  query: 'mutation { createOrganization(input: { name: "" }) { id } }',
};
const logIn = (email: string, password: string) => ({
  query: 'mutation ($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }',
  variables: { e: email, p: password },
});

const codeOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  body.errors?.[0]?.extensions?.code;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const started: GatewayReplica[] = [];
async function gatewayWith(env: Record<string, string>): Promise<GatewayReplica> {
  const gateway = await startGatewayReplica(stack, env);
  started.push(gateway);
  return gateway;
}
afterAll(async () => {
  for (const gateway of started) await gateway.close();
});

/** Sends `count` requests one after another and returns their HTTP statuses. */
async function statuses(
  gateway: GatewayReplica,
  count: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<number[]> {
  const answers: number[] = [];
  for (let index = 0; index < count; index += 1) answers.push((await gateway.post(body, headers)).status);
  return answers;
}

/** Polls `attempt` until it returns true, failing after `timeoutMs` (no fixed sleeps). */
async function eventually(attempt: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await attempt())) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('an anonymous client IP', () => {
  it('gets exactly its budget, then 429 with Retry-After, RateLimit headers and RATE_LIMITED, then a new window', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_ANONYMOUS: '3/4' });
    const within = await Promise.all([gateway.post(PING), gateway.post(PING), gateway.post(PING)]);
    expect(within.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(within.map((answer) => answer.headers.get('ratelimit-remaining')).sort()).toEqual(['0', '1', '2']);
    expect(within[0]?.headers.get('ratelimit-limit')).toBe('3');

    const over = await gateway.post(PING);
    expect(over.status).toBe(429);
    expect(over.body.data).toBeUndefined();
    expect(over.body.errors).toHaveLength(1);
    expect(codeOf(over.body)).toBe('RATE_LIMITED');
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(4);
    expect({
      limit: over.headers.get('ratelimit-limit'),
      remaining: over.headers.get('ratelimit-remaining'),
      policy: over.headers.get('ratelimit-policy'),
    }).toEqual({ limit: '3', remaining: '0', policy: '3;w=4' });
    expect(Number(over.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);

    // The window ends: the budget is whole again.
    await eventually(async () => (await gateway.post(PING)).status === 200);
    expect(await statuses(gateway, 2, PING)).toEqual([200, 200]);
    expect(await statuses(gateway, 1, PING)).toEqual([429]);
  });

  it('cannot buy a fresh budget with X-Forwarded-For unless the proxy is trusted', async () => {
    const direct = await gatewayWith({ RATE_LIMIT_ANONYMOUS: '2/60' });
    const spoofed = (ip: string) => ({ 'x-forwarded-for': ip });
    expect([
      (await direct.post(PING, spoofed('198.51.100.1'))).status,
      (await direct.post(PING, spoofed('198.51.100.2'))).status,
      (await direct.post(PING, spoofed('198.51.100.3'))).status,
    ]).toEqual([200, 200, 429]);

    const behindProxy = await gatewayWith({ RATE_LIMIT_ANONYMOUS: '2/60', TRUSTED_PROXIES: 'loopback' });
    expect(await statuses(behindProxy, 3, PING, spoofed('198.51.100.1'))).toEqual([200, 200, 429]);
    expect(await statuses(behindProxy, 2, PING, spoofed('198.51.100.2'))).toEqual([200, 200]);
  });
});

describe('signed-in callers', () => {
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    [alice, bob] = [await make.user(), await make.user()];
  });

  it('each user has a budget of its own, whatever its IP shares', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_USER: '3/60' });
    expect(await statuses(gateway, 4, ME, bearer(alice.token))).toEqual([200, 200, 200, 429]);
    expect(await statuses(gateway, 3, ME, bearer(bob.token))).toEqual([200, 200, 200]);
    // A second session of the same user draws on the same budget.
    const again = await make.session(alice);
    expect(codeOf((await gateway.post(ME, bearer(again.token))).body)).toBe('RATE_LIMITED');
    // Anonymous callers of the same IP are not charged for them.
    expect((await gateway.post(PING)).status).toBe(200);
  });

  it('an API key has a budget of its own, apart from its creator', async () => {
    const organization = await make.organization(alice);
    const key = await make.apiKey(alice, organization, 'MEMBER');
    const gateway = await gatewayWith({ RATE_LIMIT_API_KEY: '2/60' });
    expect(await statuses(gateway, 3, ME, bearer(key.secret))).toEqual([200, 200, 429]);
    expect(await statuses(gateway, 1, ME, bearer(alice.token))).toEqual([200]);
  });

  it('mutations have a budget of their own, and queries go on when it is spent', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_MUTATIONS: '2/60' });
    const answers = [];
    for (let index = 0; index < 3; index += 1)
      answers.push(await gateway.post(EMPTY_ORGANIZATION, bearer(bob.token)));
    expect(answers.map((answer) => [answer.status, codeOf(answer.body)])).toEqual([
      [200, 'BAD_USER_INPUT'],
      [200, 'BAD_USER_INPUT'],
      [429, 'RATE_LIMITED'],
    ]);
    expect(await statuses(gateway, 1, ME, bearer(bob.token))).toEqual([200]);
  });
});

describe('logIn and signUp', () => {
  it('have a per-IP budget that stops credential stuffing, even with the right password', async () => {
    const victim = await make.user();
    const gateway = await gatewayWith({ RATE_LIMIT_AUTH: '3/60' });
    const wrong = [];
    for (let index = 0; index < 2; index += 1)
      wrong.push(codeOf((await gateway.post(logIn(victim.email, `wrong-${index}-password`))).body));
    expect(wrong).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    const right = await gateway.post(logIn(victim.email, TEST_PASSWORD));
    expect(right.body.data).toEqual({ logIn: { token: expect.any(String) } });
    const refused = await gateway.post(logIn(victim.email, TEST_PASSWORD));
    expect([refused.status, codeOf(refused.body), refused.body.data]).toEqual([
      429,
      'RATE_LIMITED',
      undefined,
    ]);
    // Other work from the same IP goes on.
    expect(await statuses(gateway, 1, PING)).toEqual([200]);
  });

  it('count every aliased logIn of one operation', async () => {
    const victim = await make.user();
    const gateway = await gatewayWith({ RATE_LIMIT_AUTH: '3/60' });
    const twice = (suffix: string) => ({
      query: `mutation { a: logIn(email: "${victim.email}", password: "wrong-a-${suffix}") { token } b: logIn(email: "${victim.email}", password: "wrong-b-${suffix}") { token } }`,
    });
    const first = await gateway.post(twice('1'));
    expect([first.status, codeOf(first.body)]).toEqual([200, 'UNAUTHENTICATED']);
    const second = await gateway.post(twice('2'));
    expect([second.status, codeOf(second.body)]).toEqual([429, 'RATE_LIMITED']);
  });
});

describe('bearer credentials', () => {
  it('that authentication refuses spend the IP logIn budget, so keys and tokens cannot be guessed at speed', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_AUTH: '2/60' });
    const guesses = [];
    for (let index = 0; index < 3; index += 1) {
      const answer = await gateway.post(ME, bearer(`cp_guessed_key_${index}`));
      guesses.push([answer.status, codeOf(answer.body)]);
    }
    expect(guesses).toEqual([
      [401, 'UNAUTHENTICATED'],
      [401, 'UNAUTHENTICATED'],
      [429, 'RATE_LIMITED'],
    ]);
    // A valid credential is not a guess: it pays its own budget only.
    const user = await make.user();
    expect(await statuses(gateway, 2, ME, bearer(user.token))).toEqual([200, 200]);
  });
});

describe('two gateway replicas', () => {
  it.each([
    ['Redis (REDIS_URL)', () => ({ REDIS_URL: 'redis://127.0.0.1:6379' })],
    [
      'PostgreSQL (RATE_LIMIT_DATABASE_URL)',
      () => ({ RATE_LIMIT_DATABASE_URL: stack.databaseUrl as string }),
    ],
  ])('share one budget in %s', async (_name, store) => {
    const env = {
      ...store(),
      RATE_LIMIT_ANONYMOUS: '4/60',
      // A budget of this run only, whatever else shares the store.
      RATE_LIMIT_KEY_PREFIX: `test-${randomUUID()}`,
    };
    const [first, second] = [await gatewayWith(env), await gatewayWith(env)];
    expect([
      (await first.post(PING)).status,
      (await second.post(PING)).status,
      (await first.post(PING)).status,
      (await second.post(PING)).status,
    ]).toEqual([200, 200, 200, 200]);
    expect([(await first.post(PING)).status, (await second.post(PING)).status]).toEqual([429, 429]);
  });
});

describe('a shared store that does not answer', () => {
  it('leaves the gateway answering, and each replica counting in its own memory', async () => {
    const gateway = await gatewayWith({ REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_ANONYMOUS: '2/60' });
    expect(await statuses(gateway, 3, PING)).toEqual([200, 200, 429]);
  });
});

describe('the default budgets', () => {
  it('are far above what a person sends: a burst of 100 requests and 20 mutations passes', async () => {
    const user = await make.user();
    const gateway = await gatewayWith({});
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => gateway.post(ME, bearer(user.token))),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(Number(answers[0]?.headers.get('ratelimit-limit'))).toBeGreaterThanOrEqual(1000);
    expect(await statuses(gateway, 20, EMPTY_ORGANIZATION, bearer(user.token))).toEqual(
      Array.from({ length: 20 }, () => 200),
    );
  });
});
