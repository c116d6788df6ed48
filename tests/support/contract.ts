import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PENDING_PATH = join(__dirname, '..', 'contract-pending.txt');

/** Contract items not built yet, one `Type.field` (or type name) a line; the list may only shrink. */
export function pendingContractItems(): string[] {
  return readFileSync(PENDING_PATH, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '');
}
