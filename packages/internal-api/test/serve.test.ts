import { randomUUID } from 'node:crypto';
import { servicePrincipal, Viewer } from '@controlplane/auth';
import { identityApi, implement, refuse, workspaceApi } from '../src';
import { cloneRequest } from './fixtures';

const asService = (service: 'gateway' | 'identity' | 'workspace' | 'catalog') => ({
  caller: service,
  viewer: new Viewer(servicePrincipal(service), 'test'),
});

describe('an internal route', () => {
  const handled: unknown[] = [];
  const route = implement(workspaceApi.cloneDesign, async (request) => {
    handled.push(request);
    if (request.name === 'refused') return refuse('forbidden');
    return { design: { id: randomUUID(), organizationId: randomUUID(), extra: 'never leaves' } };
  });
  const valid = () => cloneRequest();

  beforeEach(() => {
    handled.length = 0;
  });

  it('refuses a service it does not accept with 403, before reading the body', async () => {
    const answer = await route.answer({ not: 'even valid' }, asService('identity'));
    expect(answer.status).toBe(403);
    expect(handled).toEqual([]);
  });

  it('refuses the gateway too when the endpoint is for a subgraph only', async () => {
    expect((await route.answer(valid(), asService('gateway'))).status).toBe(403);
  });

  it('answers a malformed body with 400 naming the field, without running the handler', async () => {
    const answer = await route.answer({ ...valid(), notAfter: 'tomorrow' }, asService('catalog'));
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('notAfter');
    expect(handled).toEqual([]);
  });

  it('answers a refusal with the status the endpoint declares for it', async () => {
    const answer = await route.answer({ ...valid(), name: 'refused' }, asService('catalog'));
    expect(answer).toEqual({ status: 403, body: { error: 'forbidden' } });
  });

  it('sends only the fields of the response schema', async () => {
    const answer = await route.answer(valid(), asService('catalog'));
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).not.toContain('never leaves');
  });

  it('fails, rather than answer, when the handler returns what the schema does not allow', async () => {
    const broken = implement(identityApi.teamOwners, async () => ({ teams: [{ id: 7 }] }) as never);
    await expect(broken.answer({ ids: [] }, asService('workspace'))).rejects.toThrow();
  });
});
