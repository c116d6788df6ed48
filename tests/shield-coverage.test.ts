import { buildSubgraphSchema } from '@apollo/subgraph';
import { allow, Viewer, type IRules } from '@controlplane/auth';
import { buildProtectedSchema } from '@controlplane/graphql-kit';
import { graphql, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { permissions as catalogPermissions } from '../apps/catalog/src/permissions';
import { typeDefs as catalogTypeDefs } from '../apps/catalog/src/server';
import { permissions as identityPermissions } from '../apps/identity/src/permissions';
import { typeDefs as identityTypeDefs } from '../apps/identity/src/server';
import { permissions as workspacePermissions } from '../apps/workspace/src/permissions';
import { typeDefs as workspaceTypeDefs } from '../apps/workspace/src/server';

/** Every `Type.field` of a subgraph schema, federation's own fields included, introspection excluded. */
function allFields(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap()).flatMap((type) =>
    isObjectType(type) && !type.name.startsWith('__')
      ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`)
      : [],
  );
}

function fieldsWithRules(rules: IRules): Set<string> {
  const listed = new Set<string>();
  for (const [type, fieldRules] of Object.entries(rules as Record<string, Record<string, unknown>>)) {
    for (const field of Object.keys(fieldRules)) listed.add(`${type}.${field}`);
  }
  return listed;
}

describe.each([
  ['identity', identityTypeDefs, identityPermissions],
  ['workspace', workspaceTypeDefs, workspacePermissions],
  ['catalog', catalogTypeDefs, catalogPermissions],
] as const)('the %s subgraph permissions', (_name, typeDefs, permissions) => {
  it('name a rule for every field of every type, federation fields included', () => {
    const schema = buildSubgraphSchema({ typeDefs });
    const listed = fieldsWithRules(permissions);
    const missing = allFields(schema).filter((field) => !listed.has(field));
    expect(missing).toEqual([]);
    expect(listed.has('Query._entities')).toBe(true);
  });

  it('name no field that the schema lacks', () => {
    const fields = new Set(allFields(buildSubgraphSchema({ typeDefs })));
    expect([...fieldsWithRules(permissions)].filter((field) => !fields.has(field))).toEqual([]);
  });
});

describe('the shield policy', () => {
  const typeDefs = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query { open: String covered: String uncovered: String failing: String }
  `);
  const resolvers = {
    Query: {
      open: () => 'open',
      covered: () => 'covered',
      uncovered: () => 'leaked',
      failing: () => {
        throw new Error('resolver failure');
      },
    },
  };
  const schema = buildProtectedSchema({
    typeDefs,
    resolvers,
    permissions: { Query: { open: allow, covered: allow, failing: allow } },
  });
  const run = (source: string) => graphql({ schema, source, contextValue: { viewer: new Viewer() } });

  it('denies a field that has no rule with FORBIDDEN', async () => {
    const result = await run('{ uncovered }');
    expect(result.data).toEqual({ uncovered: null });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('passes resolver errors through instead of masking them as not authorised', async () => {
    const result = await run('{ failing }');
    expect(result.errors?.[0]?.message).toBe('resolver failure');
  });

  it('allows fields whose rule allows them', async () => {
    expect((await run('{ open covered }')).data).toEqual({ open: 'open', covered: 'covered' });
  });
});
