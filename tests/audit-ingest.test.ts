import { randomUUID } from 'node:crypto';
import { servicePrincipal, type ServiceName } from '@controlplane/auth';
import { expectData, useStack } from '@controlplane/testkit';

/**
 * Guards issue 16: `/internal/audit-events` stored any event from any signer, so a forged
 * `organization.delete` back-dated to 2020 landed in an owner's audit log.
 */
const { stack, make, db } = useStack();

const AUDIT = `query ($orgs: [ID!]!) { auditLog(organizationIds: $orgs, first: 100) { nodes { id action occurredAt } } }`;
const BACK_THEN = '2020-01-01T00:00:00.000Z';

const event = (organizationId: string, action: string, occurredAt = BACK_THEN) => ({
  id: randomUUID(),
  organizationId,
  actorType: 'SYSTEM',
  actorId: null,
  actorDisplayName: null,
  action,
  targetType: 'Organization',
  targetId: organizationId,
  metadata: null,
  requestId: null,
  occurredAt,
});

const relay = (sender: ServiceName, events: ReturnType<typeof event>[]) =>
  stack.asService('identity', servicePrincipal(sender)).post('/internal/audit-events', { events });

async function setup() {
  const owner = await make.user();
  const organization = await make.organization(owner);
  const auditLog = async () =>
    expectData(await stack.as(owner).send(AUDIT, { orgs: [organization.id] })).auditLog.nodes as {
      id: string;
      action: string;
      occurredAt: string;
    }[];
  return { organization, auditLog };
}

describe('the audit ingest', () => {
  it("refuses a forged organization.delete from the catalog: the organization's own events are identity's", async () => {
    const { organization, auditLog } = await setup();
    const forged = event(organization.id, 'organization.delete');
    expect(await relay('catalog', [forged])).toEqual({ status: 200, body: { stored: 0, refused: 1 } });
    expect(await relay('workspace', [{ ...forged, id: randomUUID() }])).toEqual({
      status: 200,
      body: { stored: 0, refused: 1 },
    });
    expect((await auditLog()).filter((e) => e.action === 'organization.delete')).toEqual([]);
  });

  it("stores a catalog event back-dated to 2020 with the receiver's time", async () => {
    const { organization, auditLog } = await setup();
    const before = Date.now();
    const backDated = event(organization.id, 'catalog.item.withdraw');
    expect(await relay('catalog', [backDated])).toEqual({ status: 200, body: { stored: 1, refused: 0 } });
    const stored = (await auditLog()).find((e) => e.id === backDated.id);
    expect(stored?.action).toBe('catalog.item.withdraw');
    expect(Date.parse(stored?.occurredAt ?? BACK_THEN)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("keeps a sender's time that lies within the relay delay", async () => {
    const { organization } = await setup();
    const recently = new Date(Date.now() - 60_000).toISOString();
    const relayed = event(organization.id, 'design.create', recently);
    expect(await relay('workspace', [relayed])).toEqual({ status: 200, body: { stored: 1, refused: 0 } });
    const { rows } = await db.query<{ occurredAt: Date }>(
      'SELECT "occurredAt" FROM identity."AuditEvent" WHERE id = $1',
      [relayed.id],
    );
    expect(rows[0]?.occurredAt.toISOString()).toBe(recently);
  });

  it('refuses events for an organization that does not exist, and stores the rest of the batch', async () => {
    const { organization } = await setup();
    const answer = await relay('workspace', [
      event(randomUUID(), 'design.create'),
      event(organization.id, 'design.create'),
      event(organization.id, 'catalog.item.clone'),
    ]);
    expect(answer).toEqual({ status: 200, body: { stored: 1, refused: 2 } });
  });

  it("refuses the gateway's key, whatever principal it signs, and a service that is not a sender", async () => {
    const { organization } = await setup();
    const events = { events: [event(organization.id, 'catalog.item.withdraw')] };
    // The gateway's key is one identity knows (the gateway asks for principals), but not a sender's: 403.
    expect((await relay('gateway', events.events)).status).toBe(403);
    expect((await stack.asService('identity').post('/internal/audit-events', events)).status).toBe(403);
    // The gateway's key claiming to be the catalog: refused before the route (401).
    const forged = stack.asService('identity', servicePrincipal('catalog'), { signedBy: 'gateway' });
    expect((await forged.post('/internal/audit-events', events)).status).toBe(401);
    // Identity's own key is not one it accepts (no route of its names identity).
    expect((await relay('identity', events.events)).status).toBe(401);
  });
});
