import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTORS, type Actor } from './world';

export type Outcome = 'ALLOW' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'FORBIDDEN' | 'BAD_USER_INPUT';

type RawField = {
  profile: string;
  operation: string;
  variables?: Record<string, unknown>;
  overrides?: Partial<Record<Actor, Outcome>>;
  world?: 'fresh';
  session?: 'fresh';
  order?: 'owner last';
  reason?: string;
  /** Why an ALLOW may answer a null root field. */
  nullable?: string;
};

type RawMatrix = {
  actors: string[];
  profiles: Record<string, Record<Actor, Outcome>>;
  fields: Record<string, RawField>;
  entities: Record<string, { representation: Record<string, unknown>; visibleTo: Actor[]; reason?: string }>;
  exemptEntities: Record<string, string>;
};

export type MatrixField = {
  /** `Type.field`, or `Type.field#variant` for another case of the same field. */
  name: string;
  /** The contract field the entry covers. */
  field: string;
  operation: string;
  variables: Record<string, unknown>;
  expected: Record<Actor, Outcome>;
  freshWorld: boolean;
  /** Each user actor signs in anew for the cell: the field ends the session that calls it. */
  freshSession: boolean;
  actorOrder: Actor[];
  /** ALLOW may answer a null root field (the contract says when). */
  nullable: boolean;
};

export const MATRIX_PATH = join(__dirname, '..', 'authorization-matrix.json');
export const matrix = JSON.parse(readFileSync(MATRIX_PATH, 'utf8')) as RawMatrix;

/** Every field's expectations, profiles expanded and overrides applied. */
export function matrixFields(): MatrixField[] {
  return Object.entries(matrix.fields).map(([name, field]) => {
    const profile = matrix.profiles[field.profile];
    if (profile === undefined) throw new Error(`${name}: unknown profile ${field.profile}`);
    const expected = { ...profile, ...field.overrides } as Record<Actor, Outcome>;
    const actorOrder =
      field.order === 'owner last'
        ? [...ACTORS.filter((actor) => actor !== 'owner'), 'owner' as const]
        : [...ACTORS];
    return {
      name,
      field: name.split('#')[0] as string,
      operation: field.operation,
      variables: field.variables ?? {},
      expected,
      freshWorld: field.world === 'fresh',
      freshSession: field.session === 'fresh',
      actorOrder,
      nullable: field.nullable !== undefined,
    };
  });
}
