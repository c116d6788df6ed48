import { REQUEST_ID_HEADER, type EnvelopeSigner, type Principal } from '@controlplane/auth';
import { postSigned, signedHeaders } from '@controlplane/testkit';
import pg from 'pg';
import { DATABASE_URL, url } from './env';
import type { Side } from './load';

/** (a) the signed-in user with organizations and teams (identity only). */
export const ME = `query Me {
  me {
    user { id displayName email }
    organizations { role joinedAt organization { id slug name viewerRole } }
    teams { role team { id name organization { id name } } }
  }
}`;

/** (b) the dashboard: organization -> workspaces -> designs(first: 50) -> clonedFrom -> item (identity, workspace, catalog). */
export const DASHBOARD = `query Dashboard($id: ID!) {
  organization(id: $id) {
    id
    name
    workspaces {
      id
      name
      designs(first: 50) {
        totalCount
        nodes { id name revision updatedAt clonedFrom { id version item { id name slug } } }
      }
    }
  }
}`;

/** (c) one catalog search page (catalog only). */
export const CATALOG = `query Catalog($search: String!) {
  catalog(filter: { search: $search }, first: 20) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id slug name summary category tags visibility cloneCount latestVersion { id version } }
  }
}`;

/** (d) a design edit (workspace only). */
export const UPDATE_DESIGN = `mutation UpdateDesign($id: ID!, $expectedRevision: Int!, $content: String!) {
  updateDesign(id: $id, input: { content: $content }, expectedRevision: $expectedRevision) { id revision updatedAt }
}`;

export type Operation = { query: string; variables?: Record<string, unknown> };

export type Answer = {
  data?: any;
  errors?: { message: string }[];
  /** The gateway's x-request-id. */ requestId: string | null;
};

export async function graphqlAt(port: number, operation: Operation, token?: string): Promise<Answer> {
  const response = await fetch(url(port), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(operation),
  });
  const body = (await response.json()) as Omit<Answer, 'requestId'>;
  return { ...body, requestId: response.headers.get(REQUEST_ID_HEADER) };
}

export async function logIn(port: number, email: string, password: string): Promise<string> {
  const answer = await graphqlAt(port, {
    query: 'mutation ($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }',
    variables: { e: email, p: password },
  });
  const token = answer.data?.logIn?.token as string | undefined;
  if (token === undefined) throw new Error(`logIn failed: ${JSON.stringify(answer.errors)}`);
  return token;
}

/** What the gateway forwards for this token: identity's answer at POST /internal/principal. */
export async function principalFor(
  identityPort: number,
  signer: EnvelopeSigner,
  token: string,
): Promise<Principal> {
  const response = await postSigned(url(identityPort, '/internal/principal'), {
    signer,
    audience: 'identity',
    body: JSON.stringify({ credential: token }),
  });
  if (!response.ok) throw new Error(`principal lookup answered ${response.status}`);
  return ((await response.json()) as { principal: Principal }).principal;
}

/** A request through a gateway with the bearer token: the same bytes every time. */
export function gatewaySide(name: string, port: number, token: string, operation: Operation): Side {
  const body = JSON.stringify(operation);
  return {
    name,
    prepare: () =>
      Promise.resolve({
        url: url(port),
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      }),
  };
}

/**
 * The same operation straight to a subgraph, signed as the gateway would sign it. Envelopes are
 * one-time (jti) and live 60 s, so each round pre-signs enough of them (outside the timed part)
 * and hands them out in order.
 */
export function directSide(
  name: string,
  subgraph: string,
  port: number,
  signer: EnvelopeSigner,
  principal: Principal,
  operation: Operation,
): Side {
  const body = JSON.stringify(operation);
  return {
    name,
    async prepare({ durationSeconds, expectedRps }) {
      const count = Math.min(200_000, Math.ceil(expectedRps * durationSeconds * 1.6) + 500);
      const envelopes: Record<string, string>[] = [];
      for (let i = 0; i < count; i += 1)
        envelopes.push(await signedHeaders({ signer, audience: subgraph, principal, body }));
      let next = 0;
      return {
        url: url(port),
        method: 'POST',
        body,
        requests: [
          {
            method: 'POST',
            path: '/graphql',
            body,
            setupRequest: (request) => {
              const envelope = envelopes[next++];
              if (envelope === undefined)
                throw new Error(`${name}: ran out of pre-signed envelopes (${count})`);
              return { ...request, headers: envelope };
            },
          },
        ],
      };
    },
  };
}

/**
 * updateDesign through a gateway: each connection edits a design no other connection holds at the
 * time (a free list), with the revision it last saw, so no request conflicts. Revisions are read
 * back from the database before every round.
 */
export function updateDesignSide(
  name: string,
  port: number,
  token: string,
  designIds: string[],
  stats: { graphqlErrors: number },
): Side {
  return {
    name,
    async prepare() {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      const revisions = new Map<string, number>();
      try {
        const rows = await client.query<{ id: string; revision: number }>(
          'SELECT id, revision FROM workspace."Design" WHERE id = ANY($1::uuid[])',
          [designIds],
        );
        for (const row of rows.rows) revisions.set(row.id, row.revision);
      } finally {
        await client.end();
      }
      const free = [...revisions.keys()];
      return {
        url: url(port),
        method: 'POST',
        requests: [
          {
            method: 'POST',
            path: '/graphql',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            setupRequest: (request) => {
              const id = free.shift();
              if (id === undefined) throw new Error(`${name}: no free design to edit`);
              const revision = revisions.get(id)!;
              const content = `apiVersion: controlplane/v1\nkind: Design\nspec:\n  replicas: ${1 + (revision % 5)}\n  note: edit ${revision + 1}\n`;
              return {
                ...request,
                body: JSON.stringify({
                  query: UPDATE_DESIGN,
                  variables: { id, expectedRevision: revision, content },
                }),
              };
            },
            onResponse: (_status, body) => {
              try {
                const answer = JSON.parse(body) as {
                  data?: { updateDesign?: { id: string; revision: number } };
                };
                const saved = answer.data?.updateDesign;
                if (saved === undefined) {
                  stats.graphqlErrors += 1;
                  return;
                }
                revisions.set(saved.id, saved.revision);
                free.push(saved.id);
              } catch {
                stats.graphqlErrors += 1;
              }
            },
          },
        ],
      };
    },
  };
}
