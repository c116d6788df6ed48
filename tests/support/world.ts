import {
  createFactories,
  TEST_PASSWORD,
  unique,
  type Factories,
  type GraphQLClient,
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
  make: Factories;
  organization: TestOrganization;
  owner: TestUser;
  tokens: Record<Actor, string | undefined>;
  users: Partial<Record<Actor, TestUser>>;
  ids: Record<string, string>;
  teams: { viewer: string; editor: string; admin: string; maintained: string };
};

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
  await make.memberRole(owner, organization, demotedAdmin, 'MEMBER');
  const outsider = await make.user();
  const outsiderOrganization = await make.organization(outsider);
  users.outsider = outsider;

  const world: World = {
    stack,
    make,
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
  const { stack, owner, make } = world;
  const asOwner = stack.as(owner);
  world.ids.deployableDesign = (
    await make.design(
      owner,
      { id: world.ids.workspace as string },
      { name: 'deployable', content: DEPLOYABLE },
    )
  ).id;
  world.ids.deployEnvironment = await newObject(world, 'environment');
  world.ids.deployConnection = await newObject(world, 'connection');
  await asOwner.data(
    `mutation ($w: ID!, $e: ID!) { attachEnvironment(workspaceId: $w, environmentId: $e) { id } }`,
    {
      w: world.ids.workspace,
      e: world.ids.deployEnvironment,
    },
  );
  await asOwner.data(
    `mutation ($e: ID!, $c: ID!) { attachConnection(environmentId: $e, connectionId: $c) { id } }`,
    {
      e: world.ids.deployEnvironment,
      c: world.ids.deployConnection,
    },
  );
  world.ids.deployment = (
    await asOwner.data(
      `mutation ($d: ID!, $e: ID!) { deployDesign(input: { designId: $d, environmentId: $e, dryRun: true }) { id } }`,
      { d: world.ids.deployableDesign, e: world.ids.deployEnvironment },
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
  const { stack, make, owner } = world;
  const asOwner = stack.as(owner);
  const asOutsider = stack.as(outsider);
  const token = await make.invitation(outsider, outsiderOrganization, owner.email, 'MEMBER');
  await asOwner.data(`mutation ($t: String!) { acceptInvitation(token: $t) { role } }`, {
    t: token,
  });
  const workspace = await make.workspace(outsider, outsiderOrganization);
  const design = await make.design(outsider, workspace, { name: 'outsider', content: 'internal: 1' });
  const item = (await make.catalogVersion(outsider, design, { name: unique('Outsider item') })).itemId;
  const clone = (
    await asOwner.data(
      `mutation ($i: ID!, $w: ID!) { cloneCatalogItem(input: { catalogItemId: $i, workspaceId: $w }) { id } }`,
      { i: item, w: world.ids.workspace },
    )
  ).cloneCatalogItem.id;
  await asOwner.data(`mutation ($o: ID!) { leaveOrganization(organizationId: $o) }`, {
    o: outsiderOrganization.id,
  });
  await asOutsider.data(
    `mutation ($i: ID!) { addCatalogFeedback(input: { catalogItemId: $i, rating: 1, comment: "outsider-only" }) { id } }`,
    { i: item },
  );
  return clone;
}

/** A new item of the world's design (PUBLIC ones await review). */
async function publish(world: World, visibility: 'ORGANIZATION' | 'PUBLIC') {
  const design = { id: world.ids.design as string };
  const version = await world.make.catalogVersion(world.owner, design, {
    name: unique('Matrix item'),
    visibility,
  });
  return { itemId: version.itemId, versionId: version.id };
}

/** A fresh object of `kind` in the world's organization, made by its owner (for destructive cells). */
export async function newObject(world: World, kind: string): Promise<string> {
  const { stack, make, owner, organization, teams } = world;
  const asOwner = stack.as(owner);
  switch (kind) {
    case 'workspace':
    case 'workspaceGrantedToTeam': {
      const workspace = await make.workspace(owner, organization);
      const grants: [string, 'VIEWER' | 'EDITOR' | 'ADMIN'][] = [
        [teams.viewer, 'VIEWER'],
        [teams.editor, 'EDITOR'],
        [teams.admin, 'ADMIN'],
      ];
      if (kind === 'workspaceGrantedToTeam') grants.push([teams.maintained, 'VIEWER']);
      for (const [team, role] of grants) await make.workspaceGrant(owner, workspace, { id: team }, role);
      return workspace.id;
    }
    case 'design':
      return (
        await make.design(owner, { id: world.ids.workspace as string }, { name: 'matrix', content: 'a: 1' })
      ).id;
    case 'environment':
      return (
        await asOwner.data(
          `mutation ($o: ID!, $n: String!) { createEnvironment(input: { organizationId: $o, name: $n }) { id } }`,
          { o: organization.id, n: unique('env') },
        )
      ).createEnvironment.id;
    case 'connection':
      return (
        await asOwner.data(
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
      const { inviteMember } = await asOwner.data(
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
        await asOwner.data(
          `mutation ($o: ID!, $n: String!) { createPolicy(input: { organizationId: $o, name: $n, severity: LOW, expression: "has(object.metadata)", message: "matrix" }) { id } }`,
          { o: organization.id, n: unique('policy') },
        )
      ).createPolicy.id;
    case 'webhook':
      return (
        await asOwner.data(
          `mutation ($o: ID!) { createWebhook(input: { organizationId: $o, url: "https://93.184.216.34/matrix", events: ["matrix.never"] }) { webhook { id } } }`,
          { o: organization.id },
        )
      ).createWebhook.webhook.id;
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
        await asOwner.data(`mutation ($o: ID!, $u: ID!) { removeMember(organizationId: $o, userId: $u) }`, {
          o: organization.id,
          u: inviter.id,
        });
      } else {
        await make.memberRole(owner, organization, inviter, 'MEMBER');
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

/** A client of the gateway acting as `actor` (the anonymous one without credentials). */
export function clientOf(world: World, actor: Actor): GraphQLClient {
  const token = world.tokens[actor];
  return token === undefined ? world.stack.anonymous : world.stack.as(token);
}

/**
 * A client of the gateway acting as `actor` in a session of its own, opened for one call (logIn):
 * ending it leaves the world's tokens working. API keys and the anonymous actor have no session.
 */
export async function clientInFreshSession(world: World, actor: Actor): Promise<GraphQLClient> {
  const user = world.users[actor];
  return user === undefined ? clientOf(world, actor) : world.stack.as(await world.make.session(user));
}

/** Asks a subgraph for one entity as the gateway would, for `actor`: its `__typename`, or null. */
export async function resolveEntity(
  world: World,
  subgraph: 'identity' | 'workspace' | 'catalog',
  representation: Record<string, unknown>,
  actor: Actor,
): Promise<unknown> {
  const token = world.tokens[actor];
  const principal = token === undefined ? undefined : await world.stack.principalOf(token);
  const response = await world.stack
    .asService(subgraph, principal)
    .send('query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: [representation] });
  return response.data?._entities[0] ?? null;
}
