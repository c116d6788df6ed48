import type { EventOutboxDelegate } from '@controlplane/audit';
import type { IdentityDb } from './prisma';

/** Identity's EventOutbox table, as @controlplane/audit writes events into it and relays them. */
export function eventOutboxOf(db: IdentityDb): EventOutboxDelegate {
  return {
    create: ({ data }) => db.eventOutbox.create({ data, select: { id: true } }),
    findMany: (args) => db.eventOutbox.findMany({ ...args, select: { id: true, payload: true } }),
    deleteMany: (args) => db.eventOutbox.deleteMany(args),
  };
}
