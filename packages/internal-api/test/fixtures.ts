import { randomUUID } from 'node:crypto';

/** A body of workspaceApi.cloneDesign with a fresh clone key and workspace, valid until `notAfter` (a minute from now unless given). */
export function cloneRequest(notAfter: string = new Date(Date.now() + 60_000).toISOString()) {
  return { cloneKey: randomUUID(), workspaceId: randomUUID(), name: 'copy', content: 'kind: Copy', notAfter };
}
