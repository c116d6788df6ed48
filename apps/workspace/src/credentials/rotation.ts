import type { Logger } from 'pino';
import { CredentialKeyError, type CredentialCipher } from '@controlplane/config';
import type { CredentialRepository, SealedCredentials } from './credential-repository';

/** A connection's credentials opened for use, or why they cannot be (a message for the deployment target). */
export type CredentialReader = (
  connection: SealedCredentials,
) => Promise<{ credentials: unknown } | { problem: string }>;

/**
 * Opens a connection's credentials for the deployment worker. Credentials sealed with
 * CREDENTIALS_KEY_PREVIOUS (or before key ids) are sealed again with CREDENTIALS_KEY on the way
 * (re-encryption on read), unless the connection changed meanwhile. Credentials no configured key
 * opens give a problem that names key ids, never the credentials.
 */
/** Seals `credentials` (opened from `connection`) again with the current key, unless the connection changed meanwhile. */
function sealAgain(
  { cipher, repository }: { cipher: CredentialCipher; repository: CredentialRepository },
  connection: SealedCredentials,
  credentials: unknown,
): Promise<boolean> {
  const sealed = cipher.encrypt(credentials, connection.organizationId);
  return repository.reseal(connection.id, connection.encryptedCredentials, sealed);
}

export function createCredentialReader(deps: {
  cipher: CredentialCipher;
  repository: CredentialRepository;
  logger: Logger;
}): CredentialReader {
  const { cipher, logger } = deps;
  return async (connection) => {
    let opened;
    try {
      opened = cipher.open(connection.encryptedCredentials, connection.organizationId);
    } catch (error) {
      if (!(error instanceof CredentialKeyError)) throw error;
      logger.warn(
        { connectionId: connection.id, reason: error.message },
        'connection credentials cannot be opened',
      );
      return {
        problem: `${error.message} Set the connection's credentials again, or configure the key they were encrypted with.`,
      };
    }
    if (opened.stale) {
      const resealed = await sealAgain(deps, connection, opened.credentials).catch((error: unknown) => {
        logger.warn(
          { err: error, connectionId: connection.id },
          'could not re-encrypt connection credentials',
        );
        return false;
      });
      if (resealed)
        logger.info(
          { connectionId: connection.id, from: opened.keyId, to: cipher.currentKeyId },
          're-encrypted connection credentials with the current key',
        );
    }
    return { credentials: opened.credentials };
  };
}

export type ReencryptionReport = {
  /** Sealed again with the current key by this run. */
  reencrypted: number;
  /** Already sealed with the current key (or changed meanwhile, and so sealed with it). */
  current: number;
  /** Opened by no configured key: left as they are. */
  unreadable: number;
};

/**
 * Seals every connection's credentials that are not sealed with the current key again with it,
 * `batchSize` connections at a time in id order. Idempotent: a second run re-encrypts nothing.
 * After a run that reports no `unreadable`, CREDENTIALS_KEY_PREVIOUS can be removed.
 */
export async function reencryptAllCredentials(deps: {
  cipher: CredentialCipher;
  repository: CredentialRepository;
  batchSize: number;
}): Promise<ReencryptionReport> {
  const { cipher, repository } = deps;
  const report: ReencryptionReport = { reencrypted: 0, current: 0, unreadable: 0 };
  for (let after: string | null = null; ;) {
    const page = await repository.findSealedAfter(after, deps.batchSize);
    if (page.length === 0) return report;
    for (const connection of page) {
      if (cipher.isCurrent(connection.encryptedCredentials)) {
        report.current += 1;
        continue;
      }
      let credentials: unknown;
      try {
        credentials = cipher.open(connection.encryptedCredentials, connection.organizationId).credentials;
      } catch (error) {
        if (!(error instanceof CredentialKeyError)) throw error;
        report.unreadable += 1;
        continue;
      }
      if (await sealAgain(deps, connection, credentials)) report.reencrypted += 1;
      else report.current += 1;
    }
    after = page[page.length - 1]?.id ?? null;
  }
}
