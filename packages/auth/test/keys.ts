import { generateKeyPairSync } from 'node:crypto';
import { createEnvelopeSigner, type ServiceName } from '../src';

/** A fresh Ed25519 key pair for `caller`: its signer, and the public key receivers trust. */
export function callerKeys(caller: ServiceName) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { signer: createEnvelopeSigner(caller, privateKey), publicKey };
}
