import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { useStack, type TestUser } from '@controlplane/testkit';
import { getNamedType, isLeafType, isObjectType, type GraphQLField, type GraphQLObjectType } from 'graphql';

/**
 * Every list field that takes `first`, in the composed API schema, refuses a page over 100 with
 * BAD_USER_INPUT and answers a page of 100. The fields are read from the supergraph, so a new
 * paginated field fails here until a way to reach its type is listed below.
 */
const schema = Supergraph.build(
  readFileSync(join(__dirname, '..', 'apps', 'gateway', 'supergraph.graphql'), 'utf8'),
)
  .apiSchema()
  .toGraphQLJSSchema();

type Fixtures = {
  organizationId: string;
  workspaceId: string;
  environmentId: string;
  designId: string;
  catalogItemId: string;
};

/** How a query reaches an object of each type holding a paginated field (Query is the root). */
const REACH: Record<string, (fixtures: Fixtures) => { open: string; close: string }> = {
  Query: () => ({ open: '', close: '' }),
  Organization: (f) => ({ open: `organization(id: "${f.organizationId}") {`, close: '}' }),
  Workspace: (f) => ({ open: `workspace(id: "${f.workspaceId}") {`, close: '}' }),
  Environment: (f) => ({ open: `environment(id: "${f.environmentId}") {`, close: '}' }),
  ComplianceReport: (f) => ({
    open: `complianceReport(organizationIds: ["${f.organizationId}"]) {`,
    close: '}',
  }),
  Design: (f) => ({ open: `design(id: "${f.designId}") {`, close: '}' }),
  CatalogItem: (f) => ({ open: `catalogItem(id: "${f.catalogItemId}") {`, close: '}' }),
  // The fixture's organization has one webhook, so its deliveries field is resolved.
  Webhook: (f) => ({ open: `webhooks(organizationId: "${f.organizationId}") {`, close: '}' }),
};

/** Values for required arguments of paginated fields, by `Type.field.argument`. */
const REQUIRED_ARGUMENTS: Record<string, (fixtures: Fixtures) => string> = {
  'Query.auditLog.organizationIds': (f) => `["${f.organizationId}"]`,
};

const paginatedFields = Object.values(schema.getTypeMap())
  .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'))
  .flatMap((type) =>
    Object.values(type.getFields())
      .filter((field) => field.args.some((argument) => argument.name === 'first'))
      .map((field) => ({ type, field })),
  )
  .map(({ type, field }) => [`${type.name}.${field.name}`, type.name, field] as const);

/** The first field of the returned type that is a leaf needing no arguments: the smallest selection. */
function leafOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) throw new Error(`${field.name} does not return an object`);
  const leaf = Object.values(type.getFields()).find(
    (candidate) =>
      isLeafType(getNamedType(candidate.type)) &&
      candidate.args.every(
        (argument) => argument.defaultValue !== undefined || !argument.type.toString().endsWith('!'),
      ),
  );
  if (leaf === undefined) throw new Error(`${type.name} has no leaf field to select`);
  return leaf.name;
}

function queryFor(
  typeName: string,
  field: GraphQLField<unknown, unknown>,
  first: number,
  fixtures: Fixtures,
): string {
  const reach = REACH[typeName];
  if (reach === undefined) throw new Error(`add a way to reach ${typeName} to REACH`);
  const required = field.args
    .filter((argument) => argument.type.toString().endsWith('!') && argument.defaultValue === undefined)
    .map((argument) => {
      const value = REQUIRED_ARGUMENTS[`${typeName}.${field.name}.${argument.name}`];
      if (value === undefined)
        throw new Error(`add a value for ${typeName}.${field.name}(${argument.name}:) to REQUIRED_ARGUMENTS`);
      return `${argument.name}: ${value(fixtures)}`;
    });
  const { open, close } = reach(fixtures);
  return `{ ${open} ${field.name}(${[...required, `first: ${first}`].join(', ')}) { ${leafOf(field)} } ${close} }`;
}

const { stack, make } = useStack();
let owner: TestUser;
let fixtures: Fixtures;

beforeAll(async () => {
  owner = await make.user();
  const organization = await make.organization(owner);
  const workspace = await make.workspace(owner, organization);
  const { createEnvironment } = await stack
    .as(owner)
    .data<{ createEnvironment: { id: string } }>(
      `mutation ($input: CreateEnvironmentInput!) { createEnvironment(input: $input) { id } }`,
      { input: { organizationId: organization.id, name: 'paged' } },
    );
  const design = await make.design(owner, workspace, { name: 'paged', content: 'a: 1' });
  await stack
    .as(owner)
    .data(
      `mutation ($o: ID!) { createWebhook(input: { organizationId: $o, url: "https://93.184.216.34/paged", events: ["paged.never"] }) { secret } }`,
      { o: organization.id },
    );
  const version = await make.catalogVersion(owner, design, {
    name: `Paged ${organization.slug}`,
    visibility: 'ORGANIZATION',
  });
  fixtures = {
    organizationId: organization.id,
    workspaceId: workspace.id,
    environmentId: createEnvironment.id,
    designId: design.id,
    catalogItemId: version.itemId,
  };
});

describe('page sizes', () => {
  it('are taken by the fields this test knows about', () => {
    expect(paginatedFields.map(([name]) => name).sort()).toEqual(
      expect.arrayContaining([
        'CatalogItem.feedback',
        'ComplianceReport.violations',
        'Design.deployments',
        'Environment.deployments',
        'Design.revisions',
        'Organization.members',
        'Query.auditLog',
        'Query.catalog',
        'Webhook.deliveries',
        'Workspace.designs',
      ]),
    );
  });

  describe.each(paginatedFields)('%s', (_name, typeName, field) => {
    it('answers first: 100', async () => {
      const response = await stack.as(owner).send(queryFor(typeName, field, 100, fixtures));
      expect(response.errors).toBeUndefined();
    });

    it('refuses first: 101 with BAD_USER_INPUT', async () => {
      expect(await stack.as(owner).codes(queryFor(typeName, field, 101, fixtures))).toEqual([
        'BAD_USER_INPUT',
      ]);
    });
  });
});
