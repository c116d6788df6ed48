import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { getVariableValues, Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { GRAPHIQL_EXAMPLES, GRAPHIQL_INTRODUCTION } from '../apps/gateway/src/graphiql-examples';

/** Guards GraphiQL's example tabs: each must stay a valid operation of the API, variables included. */
const schema = Supergraph.build(
  readFileSync(join(__dirname, '..', 'apps', 'gateway', 'supergraph.graphql'), 'utf8'),
)
  .apiSchema()
  .toGraphQLJSSchema();

const operationNames = (query: string): string[] =>
  parse(query)
    .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => operation.name?.value ?? '(anonymous)');

describe("GraphiQL's example operations", () => {
  it.each(GRAPHIQL_EXAMPLES.map((example) => [operationNames(example.query).join(', '), example] as const))(
    '%s is valid against the API schema, with variables that coerce',
    (_name, example) => {
      const document = parse(example.query);
      expect(validate(schema, document).map((error) => error.message)).toEqual([]);
      const variables = JSON.parse(example.variables ?? '{}') as Record<string, unknown>;
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const coerced = getVariableValues(schema, definition.variableDefinitions ?? [], variables);
        expect(coerced.errors?.map((error) => error.message) ?? []).toEqual([]);
      }
    },
  );

  it('cover every step of the main journey, in order, after the introduction', () => {
    expect(GRAPHIQL_EXAMPLES[0]?.query.startsWith(GRAPHIQL_INTRODUCTION)).toBe(true);
    expect(GRAPHIQL_EXAMPLES.flatMap((example) => operationNames(example.query))).toEqual([
      'Me',
      'LogIn',
      'CreateOrganization',
      'PublishDesign',
      'FindCatalogItems',
      'CloneCatalogItem',
      'DeployDesign',
      'Deployment',
      'AuditLog',
      'ComplianceReport',
    ]);
  });
});
