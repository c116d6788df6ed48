import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createEnvelopeSigner, type EnvelopeSigner } from '@controlplane/auth';
import { generateLocalSigningKeys, localSigningEnvironment, signingKey } from '@controlplane/config';

/** Repository root (bench/dist/.. /..). */
export const ROOT = resolve(__dirname, '..', '..');
export const BENCH_DIR = join(ROOT, 'bench');

/** The benchmark's own database; never the tests' (controlplane_test). */
export const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/controlplane_bench';

/** Ports well away from the stack's own 4000-4003. */
export const PORTS = {
  /** Apollo gateway over shield-on subgraphs. */
  gateway: 5000,
  identity: 5001,
  workspace: 5002,
  catalog: 5003,
  /** Apollo gateway over the shield-off subgraphs (NODE_ENV=benchmark BENCHMARK_SHIELD_OFF=true). */
  gatewayNoShield: 5010,
  identityNoShield: 5011,
  workspaceNoShield: 5012,
  catalogNoShield: 5013,
  /** Hive Gateway over the shield-on subgraphs. */
  hive: 5100,
} as const;

export const HOST = '127.0.0.1';
export const url = (port: number, path = '/graphql') => `http://${HOST}:${port}${path}`;

/**
 * Fresh secrets for one benchmark run (the stack lives only as long as the run): the shared ones,
 * and one signing key pair per caller (`signing.<service>`: its SIGNING_KEY and every public key).
 */
export function benchSecrets() {
  return {
    shared: {
      JWT_SECRET: randomBytes(32).toString('base64url'),
      CREDENTIALS_KEY: randomBytes(32).toString('base64'),
    },
    signing: localSigningEnvironment(generateLocalSigningKeys()),
  };
}

export type Secrets = ReturnType<typeof benchSecrets>;

/** The gateway's signer of this run, for envelopes the benchmark makes as the gateway would. */
export function gatewaySignerOf(secrets: Secrets): EnvelopeSigner {
  return createEnvelopeSigner('gateway', signingKey.parse(secrets.signing.gateway.SIGNING_KEY));
}
