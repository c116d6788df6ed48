import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useStack, type GraphQLResponse } from '@controlplane/testkit';
import { buildSchema, isObjectType } from 'graphql';
import { pendingContractItems } from './support/contract';
import { matrix, matrixFields, type MatrixField, type Outcome } from './support/matrix';
import {
  ACTORS,
  buildWorld,
  clientInFreshSession,
  clientOf,
  resolveEntity,
  resolveVariables,
  type Actor,
  type World,
} from './support/world';

const CONTRACT = buildSchema(readFileSync(join(__dirname, '..', 'contract', 'api.graphql'), 'utf8'));
const SUBGRAPH_SCHEMAS = ['identity', 'workspace', 'catalog'].map((name) => ({
  name,
  sdl: readFileSync(join(__dirname, '..', 'apps', name, 'src', 'schema.graphql'), 'utf8'),
}));

/** ALLOW means an answer with data: no error, and every root field non-null unless the field may be. */
function outcomeOf(response: GraphQLResponse<any>, field: MatrixField): Outcome | string {
  if (response.errors === undefined || response.errors.length === 0) {
    const roots = Object.values((response.data ?? {}) as Record<string, unknown>);
    if (!field.nullable && (roots.length === 0 || roots.some((value) => value === null)))
      return 'ALLOW WITHOUT DATA';
    return 'ALLOW';
  }
  return response.errors[0]?.extensions?.code ?? 'NO_CODE';
}

describe('the authorization matrix covers the whole API', () => {
  it('lists every Query and Mutation field of the contract, with an outcome for every actor', () => {
    const pending = new Set(pendingContractItems());
    const contractFields = ['Query', 'Mutation']
      .flatMap((type) =>
        Object.keys((CONTRACT.getType(type) as { getFields(): object }).getFields()).map(
          (field) => `${type}.${field}`,
        ),
      )
      .filter((field) => !pending.has(field));
    const listed = matrixFields();
    expect(contractFields.filter((field) => !listed.some((entry) => entry.field === field))).toEqual([]);
    expect(listed.map((entry) => entry.field).filter((field) => !contractFields.includes(field))).toEqual([]);
    for (const entry of listed) expect(Object.keys(entry.expected).sort()).toEqual([...ACTORS].sort());
    expect(matrix.actors).toEqual([...ACTORS]);
  });

  it('lists every entity type each subgraph resolves through _entities, or exempts it with a reason', () => {
    const resolvable = SUBGRAPH_SCHEMAS.flatMap(({ name, sdl }) =>
      [...sdl.matchAll(/type (\w+) @key\(fields: "id"(, resolvable: false)?\)/g)]
        .filter((match) => match[2] === undefined)
        .map((match) => `${match[1]}@${name}`),
    );
    const covered = [...Object.keys(matrix.entities), ...Object.keys(matrix.exemptEntities)];
    expect(resolvable.filter((entity) => !covered.includes(entity))).toEqual([]);
    expect(covered.filter((entity) => !resolvable.includes(entity))).toEqual([]);
    for (const reason of Object.values(matrix.exemptEntities)) expect(reason.length).toBeGreaterThan(20);
    expect(isObjectType(CONTRACT.getType('Query'))).toBe(true);
  });
});

const { stack } = useStack();
let shared: World;

beforeAll(async () => {
  shared = await buildWorld(stack);
}, 300_000);

const NONEXISTENT = '00000000-0000-7000-8000-00000000beef';

/** The outsider's NOT_FOUND must not differ from what a nonexistent id gets: same code, same message. */
async function expectSameAsNonexistent(
  field: MatrixField,
  world: World,
  variables: Record<string, unknown>,
  response: GraphQLResponse<any>,
): Promise<void> {
  const idVariables = Object.entries(variables).filter(
    ([, value]) =>
      typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value) && value !== world.organization.id,
  );
  for (const [name] of idVariables) {
    const probe = await clientOf(world, 'outsider').send(field.operation, {
      ...variables,
      [name]: NONEXISTENT,
    });
    expect({
      field: field.name,
      variable: name,
      errors: probe.errors?.map((e) => [e.extensions?.code, e.message]),
    }).toEqual({
      field: field.name,
      variable: name,
      errors: response.errors?.map((e) => [e.extensions?.code, e.message]),
    });
  }
}

describe.each(matrixFields().map((field) => [field.name, field] as const))('%s', (_name, field) => {
  it('answers every actor as the matrix says', async () => {
    const world = field.freshWorld ? await buildWorld(stack) : shared;
    const mismatches: string[] = [];
    for (const actor of field.actorOrder) {
      const variables = (await resolveVariables(world, field.variables)) as Record<string, unknown>;
      const client = field.freshSession ? await clientInFreshSession(world, actor) : clientOf(world, actor);
      const response = await client.send(field.operation, variables);
      const outcome = outcomeOf(response, field);
      if (outcome !== field.expected[actor])
        mismatches.push(
          `${actor}: expected ${field.expected[actor]}, got ${outcome} ${JSON.stringify(response.errors ?? response.data)}`,
        );
      expect(response.status).toBeLessThan(500);
      if (actor === 'outsider' && outcome === 'NOT_FOUND')
        await expectSameAsNonexistent(field, world, variables, response);
    }
    expect(mismatches).toEqual([]);
  }, 300_000);
});

describe.each(Object.entries(matrix.entities))('_entities for %s', (name, entity) => {
  it('resolves the object exactly for the actors allowed to see it', async () => {
    const [typeName, subgraph] = name.split('@') as [string, 'identity' | 'workspace' | 'catalog'];
    const representation = (await resolveVariables(shared, entity.representation)) as Record<string, unknown>;
    const seenBy: Actor[] = [];
    for (const actor of ACTORS) {
      const resolved = await resolveEntity(shared, subgraph, representation, actor);
      if (resolved !== null) seenBy.push(actor);
      if (resolved !== null) expect(resolved).toEqual({ __typename: typeName });
    }
    expect(seenBy.sort()).toEqual([...entity.visibleTo].sort());
  }, 300_000);
});
