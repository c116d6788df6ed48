import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useStack, type TestUser } from '@controlplane/testkit';
import { startGatewayReplica, type GatewayReplica } from './gateway-replica';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A first-party client's allow-list, in client-preset's persisted-documents format. */
const LISTED = 'query ListedMe { me { user { id } } }';
const manifestPath = join(mkdtempSync(join(tmpdir(), 'trusted-documents-')), 'persisted-documents.json');
writeFileSync(manifestPath, JSON.stringify({ [sha256(LISTED)]: LISTED }));
const CONSOLE_MANIFEST = join(__dirname, '..', 'apps', 'console', 'src', 'gql', 'persisted-documents.json');

const persisted = (hash: string, query?: string) => ({
  ...(query === undefined ? {} : { query }),
  extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
});
const codeOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  body.errors?.[0]?.extensions?.code;

const { stack, make } = useStack();
const gateways = {} as Record<'off' | 'partial' | 'required', GatewayReplica>;
let user: TestUser;
let auth: Record<string, string>;

beforeAll(async () => {
  user = await make.user();
  auth = { authorization: `Bearer ${user.token}` };
  const manifests = `${manifestPath},${CONSOLE_MANIFEST}`;
  for (const mode of ['off', 'partial', 'required'] as const)
    gateways[mode] = await startGatewayReplica(stack, {
      TRUSTED_DOCUMENTS: mode,
      TRUSTED_DOCUMENTS_MANIFESTS: manifests,
      APQ_CACHE_MAX_BYTES: '1024',
    });
});

afterAll(async () => {
  for (const gateway of Object.values(gateways)) await gateway.close();
});

/** A query of its own per call, so one test's APQ registrations never answer another's. */
let counter = 0;
const freshQuery = () => `query Fresh${(counter += 1)} { me { user { id displayName } } }`;

describe('TRUSTED_DOCUMENTS=partial (the default)', () => {
  it('runs a listed operation sent by its hash alone', async () => {
    const answer = await gateways.partial.post(persisted(sha256(LISTED)), auth);
    expect(answer.body).toEqual({ data: { me: { user: { id: user.id } } } });
  });

  it('registers an unknown hash with its document (APQ), then runs it by hash', async () => {
    const query = freshQuery();
    const miss = await gateways.partial.post(persisted(sha256(query)), auth);
    expect(codeOf(miss.body)).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await gateways.partial.post(persisted(sha256(query), query), auth);
    expect(registered.body.data).toEqual({ me: { user: { id: user.id, displayName: user.displayName } } });
    const hit = await gateways.partial.post(persisted(sha256(query)), auth);
    expect(hit.body.data).toEqual(registered.body.data);
  });

  it('runs any document sent in full', async () => {
    const answer = await gateways.partial.post({ query: freshQuery() }, auth);
    expect(answer.body.data).toEqual({ me: { user: { id: user.id, displayName: user.displayName } } });
  });

  it('keeps the APQ cache within APQ_CACHE_MAX_BYTES, forgetting the least recently used', async () => {
    const first = freshQuery();
    await gateways.partial.post(persisted(sha256(first), first), auth);
    // 30 documents of about 50 characters each: more than 1024 bytes however they are counted.
    for (let index = 0; index < 30; index += 1) {
      const query = freshQuery();
      expect((await gateways.partial.post(persisted(sha256(query), query), auth)).status).toBe(200);
    }
    const forgotten = await gateways.partial.post(persisted(sha256(first)), auth);
    expect(codeOf(forgotten.body)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('TRUSTED_DOCUMENTS=required', () => {
  it('runs a listed operation by its hash, or sent in full', async () => {
    const byHash = await gateways.required.post(persisted(sha256(LISTED)), auth);
    expect(byHash.body).toEqual({ data: { me: { user: { id: user.id } } } });
    const inFull = await gateways.required.post({ query: LISTED }, auth);
    expect(inFull.body).toEqual(byHash.body);
  });

  it('refuses a document that is not on the list, and runs nothing', async () => {
    const answer = await gateways.required.post({ query: freshQuery() }, auth);
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(codeOf(answer.body)).toBe('PERSISTED_QUERY_REQUIRED');
  });

  it('refuses an unknown hash, and does not let APQ register a document', async () => {
    const query = freshQuery();
    for (const body of [
      persisted(sha256(query)),
      persisted(sha256(query), query),
      persisted(sha256(query)),
    ]) {
      const answer = await gateways.required.post(body, auth);
      expect({ status: answer.status, code: codeOf(answer.body), data: answer.body.data }).toEqual({
        status: 400,
        code: 'PERSISTED_QUERY_NOT_IN_LIST',
        data: undefined,
      });
    }
  });

  it("runs the console's operations by hash: its generated manifest is the list", async () => {
    const manifest = JSON.parse(readFileSync(CONSOLE_MANIFEST, 'utf8')) as Record<string, string>;
    expect(Object.keys(manifest).length).toBeGreaterThan(20);
    for (const [hash, document] of Object.entries(manifest)) expect(sha256(document)).toBe(hash);
    const [meHash] = Object.entries(manifest).find(([, document]) => /^query Me\b/.test(document)) ?? [];
    const answer = await gateways.required.post({ ...persisted(meHash ?? ''), operationName: 'Me' }, auth);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ me: { user: { id: user.id } } });
  });
});

describe('TRUSTED_DOCUMENTS=off', () => {
  it('takes no persisted operations, so clients send documents in full', async () => {
    const byHash = await gateways.off.post(persisted(sha256(LISTED)), auth);
    expect(codeOf(byHash.body)).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    const inFull = await gateways.off.post({ query: freshQuery() }, auth);
    expect(inFull.body.data).toEqual({ me: { user: { id: user.id, displayName: user.displayName } } });
  });
});

describe('a hash that does not match its document', () => {
  it.each(['partial', 'required'] as const)(
    'is refused in %s mode, for a listed hash and an unknown one, and nothing runs',
    async (mode) => {
      const other = freshQuery();
      for (const hash of [sha256(LISTED), sha256(freshQuery())]) {
        const answer = await gateways[mode].post(persisted(hash, other), auth);
        expect({ status: answer.status, body: answer.body }).toEqual({
          status: 400,
          body: {
            errors: [{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }],
          },
        });
      }
      // Nothing was registered under the hash it claimed.
      const after = await gateways.partial.post(persisted(sha256(other)), auth);
      expect(codeOf(after.body)).toBe('PERSISTED_QUERY_NOT_FOUND');
    },
  );
});
