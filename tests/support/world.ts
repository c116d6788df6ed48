import { randomUUID } from 'node:crypto';
import { IDENTITY_HEADER, signEnvelope, type Principal } from '@controlplane/auth';
import {
  createFactories,
  expectData,
  graphql,
  TEST_PASSWORD,
  unique,
  type Stack,
  type TestOrganization,
  type TestUser,
} from '@controlplane/testkit';

export const ACTORS = [
  'anonymous',
  'outsider',
  'outsiderKey',
  'member',
  'viewer',
  'editor',
  'wsAdmin',
  'maintainer',
  'auditor',
  'auditorOnTeam',
  'admin',
  'owner',
  'auditorKey',
  'demotedKey',
] as const;
export type Actor = (typeof ACTORS)[number];

/**
 * One organization with an actor in each position of the authorization matrix, and one object
 * of every kind; plus another tenant (the outsider). Built through the public API.
 */
export type World = {
  stack: Stack;
  organization: TestOrganization;
  owner: TestUser;
  tokens: Record<Actor, string | undefined>;
  users: Partial<Record<Actor, TestUser>>;
  ids: Record<string, string>;
  teams: { viewer: string; editor: string; admin: string; maintained: string };
};

const gql = async <T = any>(
  stack: Stack,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> => expectData<T>(await graphql<T>(stack.gatewayUrl, query, variables, { token }));

export async function buildWorld(stack: Stack): Promise<World> {
  const make = createFactories(stack.gatewayUrl);
  const owner = await make.user();
  const organization = await make.organization(owner);
  const teams = {
    viewer: (await make.team(owner, organization)).id,
    editor: (await make.team(owner, organization)).id,
    admin: (await make.team(owner, organization)).id,
    maintained: (await make.team(owner, organization)).id,
  };
  const users: Partial<Record<Actor, TestUser>> = {
    owner,
    admin: await make.member(owner, organization, 'ADMIN'),
    auditor: await make.member(owner, organization, 'AUDITOR'),
    member: await make.member(owner, organization, 'MEMBER'),
    viewer: await make.member(owner, organization, 'MEMBER', { teamIds: [teams.viewer] }),
    editor: await make.member(owner, organization, 'MEMBER', { teamIds: [teams.editor] }),
    wsAdmin: await make.member(owner, organization, 'MEMBER', { teamIds: [teams.admin] }),
    maintainer: await make.member(owner, organization, 'MEMBER'),
    // An AUDITOR in the team with ADMIN access, and MAINTAINER of a team: still changes nothing.
    auditorOnTeam: await make.member(owner, organization, 'AUDITOR', { teamIds: [teams.admin] }),
  };
  await make.teamMember(owner, teams.maintained, users.maintainer as TestUser, 'MAINTAINER');
  await make.teamMember(owner, teams.maintained, users.auditorOnTeam as TestUser, 'MAINTAINER');
  // An AUDITOR key made by an ADMIN who was then demoted to MEMBER: it acts as a MEMBER key.
  const demotedAdmin = await make.member(owner, organization, 'ADMIN');
  const demotedKey = await make.apiKey(demotedAdmin, organization, 'AUDITOR');
  await gql(
    stack,
    owner.token,
    `mutation ($o: ID!, $u: ID!) { setMemberRole(organizationId: $o, userId: $u, role: MEMBER) { role } }`,
    { o: organization.id, u: demotedAdmin.id },
  );
  const outsider = await make.user();
  const outsiderOrganization = await make.organization(outsider);
  users.outsider = outsider;

  const world: World = {
    stack,
    organization,
    owner,
    users,
    teams,
    ids: {},
    tokens: {
      anonymous: undefined,
      outsider: outsider.token,
      outsiderKey: (await make.apiKey(outsider, outsiderOrganization, 'ADMIN')).secret,
      member: users.member?.token,
      viewer: users.viewer?.token,
      editor: users.editor?.token,
      wsAdmin: users.wsAdmin?.token,
      maintainer: users.maintainer?.token,
      auditor: users.auditor?.token,
      auditorOnTeam: users.auditorOnTeam?.token,
      admin: users.admin?.token,
      owner: owner.token,
      auditorKey: (await make.apiKey(owner, organization, 'AUDITOR')).secret,
      demotedKey: demotedKey.secret,
    },
  };
  world.ids.workspace = await newObject(world, 'workspace');
  world.ids.design = await newObject(world, 'design');
  world.ids.environment = await newObject(world, 'environment');
  world.ids.connection = await newObject(world, 'connection');
  const published = await publish(world, 'ORGANIZATION');
  world.ids.orgItem = published.itemId;
  world.ids.orgVersion = published.versionId;
  world.ids.crossClone = await cloneFromAnotherTenant(world, outsider, outsiderOrganization);
  await prepareDeployments(world);
  world.ids.policy = await newObject(world, 'policy');
  return world;
}

const DEPLOYABLE = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: matrix\ndata:\n  a: "1"\n';

/**
 * A deployable design in the world's workspace, an environment attached to it only for
 * deployments (no matrix cell detaches it) with a Kubernetes connection, and a dry-run deployment.
 */
async function prepareDeployments(world: World): Promise<void> {
  const { stack, owner } = world;
  world.ids.deployableDesign = (
    await gql(
      stack,
      owner.token,
      `mutation ($w: ID!, $c: String!) { createDesign(input: { workspaceId: $w, name: "deployable", content: $c }) { id } }`,
      {
        w: world.ids.workspace,
        c: DEPLOYABLE,
      },
    )
  ).createDesign.id;
  world.ids.deployEnvironment = await newObject(world, 'environment');
  world.ids.deployConnection = await newObject(world, 'connection');
  await gql(
    stack,
    owner.token,
    `mutation ($w: ID!, $e: ID!) { attachEnvironment(workspaceId: $w, environmentId: $e) { id } }`,
    {
      w: world.ids.workspace,
      e: world.ids.deployEnvironment,
    },
  );
  await gql(
    stack,
    owner.token,
    `mutation ($e: ID!, $c: ID!) { attachConnection(environmentId: $e, connectionId: $c) { id } }`,
    {
      e: world.ids.deployEnvironment,
      c: world.ids.deployConnection,
    },
  );
  world.ids.deployment = (
    await gql(
      stack,
      owner.token,
      `mutation ($d: ID!, $e: ID!) { deployDesign(input: { designId: $d, environmentId: $e, dryRun: true }) { id } }`,
      {
        d: world.ids.deployableDesign,
        e: world.ids.deployEnvironment,
      },
    )
  ).deployDesign.id;
}

/**
 * A design of the world's workspace cloned from the outsider's ORGANIZATION item by the owner
 * while a member there; the owner then left, and the outsider added feedback. The world's actors
 * may see where the clone came from, never what the outsider's item holds.
 */
async function cloneFromAnotherTenant(
  world: World,
  outsider: TestUser,
  outsiderOrganization: TestOrganization,
): Promise<string> {
  const { stack, owner } = world;
  const make = createFactories(stack.gatewayUrl);
  const token = await make.invitation(outsider, outsiderOrganization, owner.email, 'MEMBER');
  await gql(stack, owner.token, `mutation ($t: String!) { acceptInvitation(token: $t) { role } }`, {
    t: token,
  });
  const workspace = await make.workspace(outsider, outsiderOrganization);
  const design = (
    await gql(
      stack,
      outsider.token,
      `mutation ($w: ID!) { createDesign(input: { workspaceId: $w, name: "outsider", content: "internal: 1" }) { id } }`,
      { w: workspace.id },
    )
  ).createDesign.id;
  const item = (
    await gql(
      stack,
      outsider.token,
      `mutation ($d: ID!, $n: String!) { publishDesign(input: { designId: $d, name: $n }) { item { id } } }`,
      { d: design, n: unique('Outsider item') },
    )
  ).publishDesign.item.id;
  const clone = (
    await gql(
      stack,
      owner.token,
      `mutation ($i: ID!, $w: ID!) { cloneCatalogItem(input: { catalogItemId: $i, workspaceId: $w }) { id } }`,
      { i: item, w: world.ids.workspace },
    )
  ).cloneCatalogItem.id;
  await gql(stack, owner.token, `mutation ($o: ID!) { leaveOrganization(organizationId: $o) }`, {
    o: outsiderOrganization.id,
  });
  await gql(
    stack,
    outsider.token,
    `mutation ($i: ID!) { addCatalogFeedback(input: { catalogItemId: $i, rating: 1, comment: "outsider-only" }) { id } }`,
    { i: item },
  );
  return clone;
}

async function publish(world: World, visibility: 'ORGANIZATION' | 'PUBLIC') {
  const { publishDesign } = await gql(
    world.stack,
    world.owner.token,
    `mutation ($d: ID!, $n: String!, $v: CatalogVisibility) { publishDesign(input: { designId: $d, name: $n, visibility: $v }) { id item { id } } }`,
    {
      d: world.ids.design,
      n: unique('Matrix item'),
      v: visibility,
    },
  );
  return { itemId: publishDesign.item.id as string, versionId: publishDesign.id as string };
}

/** A fresh object of `kind` in the world's organization, made by its owner (for destructive cells). */
export async function newObject(world: World, kind: string): Promise<string> {
  const { stack, owner, organization, teams } = world;
  const make = createFactories(stack.gatewayUrl);
  switch (kind) {
    case 'workspace':
    case 'workspaceGrantedToTeam': {
      const workspace = await make.workspace(owner, organization);
      const grants: [string, string][] = [
        [teams.viewer, 'VIEWER'],
        [teams.editor, 'EDITOR'],
        [teams.admin, 'ADMIN'],
      ];
      if (kind === 'workspaceGrantedToTeam') grants.push([teams.maintained, 'VIEWER']);
      for (const [team, role] of grants) {
        await gql(
          stack,
          owner.token,
          `mutation ($w: ID!, $t: ID!, $r: WorkspaceRole!) { grantWorkspaceAccess(workspaceId: $w, teamId: $t, role: $r) { role } }`,
          { w: workspace.id, t: team, r: role },
        );
      }
      return workspace.id;
    }
    case 'design':
      return (
        await gql(
          stack,
          owner.token,
          `mutation ($w: ID!) { createDesign(input: { workspaceId: $w, name: "matrix", content: "a: 1" }) { id } }`,
          { w: world.ids.workspace },
        )
      ).createDesign.id;
    case 'environment':
      return (
        await gql(
          stack,
          owner.token,
          `mutation ($o: ID!, $n: String!) { createEnvironment(input: { organizationId: $o, name: $n }) { id } }`,
          { o: organization.id, n: unique('env') },
        )
      ).createEnvironment.id;
    case 'connection':
      return (
        await gql(
          stack,
          owner.token,
          `mutation ($o: ID!, $n: String!) { createConnection(input: { organizationId: $o, name: $n, kind: KUBERNETES, url: "https://k8s.example.test", credentials: { token: "s3cret" } }) { id } }`,
          {
            o: organization.id,
            n: unique('conn'),
          },
        )
      ).createConnection.id;
    case 'team':
      return (await make.team(owner, organization)).id;
    case 'member':
      return (await make.member(owner, organization, 'MEMBER')).id;
    case 'teamMember':
      return (await make.member(owner, organization, 'MEMBER', { teamIds: [teams.maintained] })).id;
    case 'invitation':
    case 'invitationToken': {
      const { inviteMember } = await gql(
        stack,
        owner.token,
        `mutation ($o: ID!, $e: String!) { inviteMember(input: { organizationId: $o, email: $e, role: MEMBER }) { token invitation { id } } }`,
        {
          o: organization.id,
          e: `${unique('invitee')}@example.test`,
        },
      );
      return kind === 'invitation' ? inviteMember.invitation.id : inviteMember.token;
    }
    case 'apiKey':
      return (await make.apiKey(owner, organization, 'MEMBER')).id;
    case 'orgItem':
      return (await publish(world, 'ORGANIZATION')).itemId;
    case 'pendingVersion':
      return (await publish(world, 'PUBLIC')).versionId;
    case 'policy':
      return (
        await gql(
          stack,
          owner.token,
          `mutation ($o: ID!, $n: String!) { createPolicy(input: { organizationId: $o, name: $n, severity: LOW, expression: "has(object.metadata)", message: "matrix" }) { id } }`,
          {
            o: organization.id,
            n: unique('policy'),
          },
        )
      ).createPolicy.id;
    case 'invitationFromRemovedAdmin':
    case 'invitationFromDemotedAdmin': {
      // An ADMIN invites the outsider as ADMIN, then is removed (or demoted to MEMBER) by the owner.
      const inviter = await make.member(owner, organization, 'ADMIN');
      const token = await make.invitation(
        inviter,
        organization,
        (world.users.outsider as TestUser).email,
        'ADMIN',
      );
      if (kind === 'invitationFromRemovedAdmin') {
        await gql(
          stack,
          owner.token,
          `mutation ($o: ID!, $u: ID!) { removeMember(organizationId: $o, userId: $u) }`,
          { o: organization.id, u: inviter.id },
        );
      } else {
        await gql(
          stack,
          owner.token,
          `mutation ($o: ID!, $u: ID!) { setMemberRole(organizationId: $o, userId: $u, role: MEMBER) { role } }`,
          { o: organization.id, u: inviter.id },
        );
      }
      return token;
    }
    default:
      throw new Error(`unknown fixture kind ${kind}`);
  }
}

/** Replaces placeholders in a cell's variables with the world's objects (or fresh ones). */
export async function resolveVariables(world: World, variables: unknown): Promise<unknown> {
  if (Array.isArray(variables)) return Promise.all(variables.map((value) => resolveVariables(world, value)));
  if (variables !== null && typeof variables === 'object') {
    const entries = await Promise.all(
      Object.entries(variables).map(
        async ([key, value]) => [key, await resolveVariables(world, value)] as const,
      ),
    );
    return Object.fromEntries(entries);
  }
  if (typeof variables !== 'string') return variables;
  const match = /^\{(.+)\}$/.exec(variables);
  if (!match) return variables;
  const name = match[1] as string;
  if (name === 'org') return world.organization.id;
  if (name === 'team') return world.teams.maintained;
  if (name === 'password') return TEST_PASSWORD;
  if (name === 'member.email') return world.users.member?.email;
  if (name === 'member.id') return world.users.member?.id;
  if (name === 'fresh:email') return `${unique('matrix')}@example.test`;
  if (name === 'fresh:name') return unique('matrix');
  if (name.startsWith('new:')) return newObject(world, name.slice(4));
  const id = world.ids[name];
  if (id === undefined) throw new Error(`unknown placeholder ${variables}`);
  return id;
}

/** The principal the gateway would forward for an actor (asked of identity, as the gateway does). */
export async function principalOf(world: World, actor: Actor): Promise<Principal> {
  const token = world.tokens[actor];
  if (token === undefined) return { kind: 'anonymous' };
  const body = JSON.stringify({ credential: token });
  const response = await fetch(new URL('/internal/principal', world.stack.subgraphUrls.identity), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [IDENTITY_HEADER]: await signEnvelope({
        secret: world.stack.gatewaySecret,
        audience: 'identity',
        principal: { kind: 'anonymous' },
        requestId: randomUUID(),
        body,
      }),
    },
    body,
  });
  return ((await response.json()) as { principal: Principal }).principal;
}

/** Asks a subgraph for entities as the gateway would, for `actor`. */
export async function resolveEntity(
  world: World,
  subgraph: 'identity' | 'workspace' | 'catalog',
  representation: Record<string, unknown>,
  actor: Actor,
): Promise<unknown> {
  const body = JSON.stringify({
    query: 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
    variables: { r: [representation] },
  });
  const response = await fetch(world.stack.subgraphUrls[subgraph], {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [IDENTITY_HEADER]: await signEnvelope({
        secret: world.stack.gatewaySecret,
        audience: subgraph,
        principal: await principalOf(world, actor),
        requestId: randomUUID(),
        body,
      }),
    },
    body,
  });
  const json = (await response.json()) as { data?: { _entities: unknown[] } };
  return json.data?._entities[0] ?? null;
}
