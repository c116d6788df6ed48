import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import {
  isCompositeType,
  Kind,
  parse,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { COST_MODEL } from '../src/limits';
import { estimateOperationCost } from '../src/query-cost';

const schema = Supergraph.build(readFileSync(join(__dirname, '..', 'supergraph.graphql'), 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();

/** The cost of the document's first operation under the gateway's model. */
function costOf(query: string): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments = document.definitions.filter(
    (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
  );
  if (operation === undefined) throw new Error('no operation');
  return estimateOperationCost({
    model: COST_MODEL,
    operation,
    rootType: schema.getQueryType()!,
    getType: (name) => {
      const type = schema.getType(name);
      return type !== undefined && isCompositeType(type) ? type : undefined;
    },
    getFragment: (name) => fragments.find((fragment) => fragment.name.value === name),
  });
}

describe('the cost of an operation', () => {
  it('counts fields 1 and objects 2', () => {
    expect(costOf('{ me { user { id displayName } } }')).toBe(2 + 2 + 2);
  });

  it("multiplies a page by its size, handing a connection's page to its nodes only", () => {
    // workspace 2 + designs 2 + totalCount 1 + nodes (2 + 30 * 2 fields)
    expect(costOf('{ workspace(id: "w") { designs(first: 30) { totalCount nodes { id name } } } }')).toBe(
      2 + 2 + 1 + 2 + 30 * 2,
    );
  });

  it('uses the schema default when first is absent or null, and the largest page for a variable or a page over it', () => {
    const designs = (first: string) =>
      costOf(`query ($n: Int) { workspace(id: "w") { designs${first} { nodes { id } } } }`);
    expect(designs('')).toBe(designs('(first: 50)'));
    expect(designs('(first: null)')).toBe(designs('(first: 50)'));
    expect(designs('(first: $n)')).toBe(designs('(first: 100)'));
    expect(designs('(first: 5000)')).toBe(designs('(first: 100)'));
  });

  it('multiplies a list without pages by 10', () => {
    expect(costOf('{ organizations { id } }')).toBe(2 + 10 * 1);
    expect(costOf('{ organizations { workspaces { id } } }')).toBe(2 + 10 * (2 + 10 * 1));
  });

  it('counts a design document as 100 fields', () => {
    expect(costOf('{ design(id: "d") { content revisions(first: 3) { content } } }')).toBe(
      2 + 100 + 2 + 3 * 100,
    );
  });

  it('counts fragments where they are spread, and a cycle (refused by validation) as nothing more', () => {
    const inline = costOf('{ organizations { workspaces { id name } } }');
    expect(costOf('{ organizations { ...W } } fragment W on Organization { workspaces { id name } }')).toBe(
      inline,
    );
    expect(
      costOf('{ organizations { ...W ...W } } fragment W on Organization { workspaces { id name } }'),
    ).toBe(2 * inline - 2);
    expect(
      costOf(
        '{ organizations { ...A } } fragment A on Organization { id ...B } fragment B on Organization { ...A }',
      ),
    ).toBe(2 + 10 * 1);
  });

  it('leaves introspection out (off in production, bounded by the schema)', () => {
    expect(costOf('{ __schema { types { fields { name args { name } } } } }')).toBe(0);
  });

  it.each([
    [
      'the dashboard with pages of 100 designs',
      'query ($id: ID!) { organization(id: $id) { name workspaces { name designs(first: 100) { totalCount nodes { id name revision workspace { id name organization { id name } } } } } } }',
      11_065,
    ],
    [
      'the benchmark dashboard with pages of 50',
      'query ($id: ID!) { organization(id: $id) { id name workspaces { id name designs(first: 50) { totalCount nodes { id name revision updatedAt clonedFrom { id version item { id name slug } } } } } } }',
      6_576,
    ],
    [
      'the benchmark dashboard with pages of 100',
      'query ($id: ID!) { organization(id: $id) { id name workspaces { id name designs(first: 100) { totalCount nodes { id name revision updatedAt clonedFrom { id version item { id name slug } } } } } } }',
      13_076,
    ],
  ])('costs %s as calibrated, leaving it nearly twice the room', (_name, query, cost) => {
    expect(costOf(query)).toBe(cost);
    expect(cost).toBeLessThanOrEqual(COST_MODEL.maxCost / 1.9);
  });
});
