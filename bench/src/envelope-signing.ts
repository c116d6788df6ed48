import { createSecretKey, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import {
  createEnvelopeSigner,
  hashBody,
  ReplayGuard,
  signEnvelope,
  trustCallers,
  verifyEnvelope,
  type Principal,
} from '@controlplane/auth';
import { jwtVerify, SignJWT } from 'jose';

/**
 * `npm run bench:envelope -w @controlplane/bench`: what signing and verifying one envelope costs
 * with a key per caller (Ed25519) against the shared HMAC secret it replaced (HS256), on the same
 * claims: the JWS alone for both, and Ed25519 as served (`signEnvelope` + `verifyEnvelope`: key
 * lookup by key id, route, body hash, replay guard, principal parsing). No network, no database;
 * sequential; the variants take turns round by round, so load on the machine hits them alike.
 */
const ROUNDS = 15;
const PER_ROUND = 1000;

const PRINCIPAL: Principal = {
  kind: 'user',
  userId: randomUUID(),
  sessionId: randomUUID(),
  displayName: 'Bench User',
  organizations: Array.from({ length: 3 }, () => ({ organizationId: randomUUID(), role: 'ADMIN' as const })),
  teams: Array.from({ length: 5 }, () => ({
    teamId: randomUUID(),
    organizationId: randomUUID(),
    role: 'MEMBER' as const,
  })),
};
/** About the size of the dashboard query the gateway forwards. */
const BODY = JSON.stringify({ query: `query { ${'organization { id name } '.repeat(40)} }`, variables: {} });
const ROUTE = { audience: 'workspace', method: 'POST', path: '/graphql', body: BODY } as const;

/** The envelope's JWS alone, with `alg` and `key` (and a key id for Ed25519). */
function signJws(alg: 'HS256' | 'EdDSA', key: KeyObject, kid?: string): Promise<string> {
  return new SignJWT({ prn: PRINCIPAL, rid: 'r', htm: 'POST', htp: ROUTE.path, bh: hashBody(BODY) })
    .setProtectedHeader(kid === undefined ? { alg } : { alg, kid })
    .setIssuer('controlplane-gateway')
    .setAudience(ROUTE.audience)
    .setIssuedAt()
    .setExpirationTime('60s')
    .setJti(randomUUID())
    .sign(key);
}

async function verifyJws(token: string, alg: 'HS256' | 'EdDSA', key: KeyObject): Promise<void> {
  await jwtVerify(token, key, {
    algorithms: [alg],
    issuer: 'controlplane-gateway',
    audience: ROUTE.audience,
    requiredClaims: ['jti', 'iat', 'exp'],
  });
}

type Variant = { label: string; run: () => Promise<unknown>; rounds: number[] };

async function main(): Promise<void> {
  const hmacKey = createSecretKey(randomBytes(32));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer = createEnvelopeSigner('gateway', privateKey);
  // As a subgraph holds them: the gateway's current and previous keys, and two services' keys.
  const others = Array.from({ length: 3 }, () => generateKeyPairSync('ed25519').publicKey);
  const trusted = trustCallers({
    gateway: [publicKey, others[0] as KeyObject],
    catalog: [others[1] as KeyObject],
    identity: [others[2] as KeyObject],
  });
  const replayGuard = new ReplayGuard();
  const variant = (label: string, run: () => Promise<unknown>): Variant => ({ label, run, rounds: [] });
  const variants = [
    variant('HS256, shared secret (before): JWS sign + verify', async () =>
      verifyJws(await signJws('HS256', hmacKey), 'HS256', hmacKey),
    ),
    variant('Ed25519, key per caller: JWS sign + verify', async () =>
      verifyJws(await signJws('EdDSA', privateKey, signer.keyId), 'EdDSA', publicKey),
    ),
    variant('Ed25519 as served: signEnvelope + verifyEnvelope', async () =>
      verifyEnvelope({
        token: await signEnvelope({ signer, principal: PRINCIPAL, requestId: randomUUID(), ...ROUTE }),
        trusted,
        replayGuard,
        ...ROUTE,
      }),
    ),
  ];
  for (const { run } of variants) for (let i = 0; i < 300; i += 1) await run();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const { run, rounds } of variants) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < PER_ROUND; i += 1) await run();
      rounds.push(Number(process.hrtime.bigint() - start) / PER_ROUND / 1e3);
    }
  }
  const median = (rounds: number[]) => [...rounds].sort((a, b) => a - b)[Math.floor(rounds.length / 2)] ?? 0;
  const base = median(variants[0]?.rounds ?? []);
  const rows = variants.map(({ label, rounds }) => {
    const sorted = [...rounds].sort((a, b) => a - b);
    const [min, max] = [sorted[0] ?? 0, sorted[sorted.length - 1] ?? 0];
    return `| ${label} | ${median(rounds).toFixed(0)} [${min.toFixed(0)}–${max.toFixed(0)}] | ${(median(rounds) / base).toFixed(2)} |`;
  });
  console.log(
    [
      `node ${process.version}, ${ROUNDS} rounds × ${PER_ROUND}`,
      '| per request | µs, median [min–max] of the rounds | × HS256 |',
      '|---|---|---|',
      ...rows,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
