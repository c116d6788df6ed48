import { createRequire } from 'node:module';
import { appendField, pointerToFieldPath } from './field-path';

/** The Kubernetes release whose OpenAPI schemas kubernetes-models 4.5 carries (its newest fields are from 1.33; resource.k8s.io is absent). */
export const SCHEMA_KUBERNETES_VERSION = '1.33';

type ModelClass = { apiVersion: string; kind: string; new (data: unknown): { validate(): void } };
type AjvError = { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> };

/** A field-level schema violation. */
export type SchemaViolation = { field: string; message: string };

let registry: Map<string, ModelClass> | undefined;

/**
 * Every top-level kind kubernetes-models knows, by `apiVersion/kind`. Built from the package's
 * own exports, so user input never chooses a module to load.
 */
function modelRegistry(): Map<string, ModelClass> {
  if (!registry) {
    registry = new Map();
    // The core group is exported as `v1.Pod`, the others as `apps.v1.Deployment`.
    collectModels(loadModels(), 3, registry);
  }
  return registry;
}

/**
 * Loaded untyped and on first use: the package's ~900 declaration files would otherwise weigh on
 * every type-aware tool that reaches this file (type-aware ESLint ran out of memory), and its
 * ~0.5 s load would fall on whoever imports this package rather than on the first validation.
 */
function loadModels(): unknown {
  return createRequire(__filename)('kubernetes-models');
}

function collectModels(namespace: unknown, depth: number, into: Map<string, ModelClass>): void {
  if (typeof namespace !== 'object' || namespace === null || depth === 0) return;
  for (const value of Object.values(namespace)) {
    if (isModelClass(value)) into.set(`${value.apiVersion}/${value.kind}`, value);
    else collectModels(value, depth - 1, into);
  }
}

function isModelClass(value: unknown): value is ModelClass {
  const model = value as Partial<ModelClass> | undefined;
  return (
    typeof value === 'function' && typeof model?.apiVersion === 'string' && typeof model.kind === 'string'
  );
}

/**
 * Validates an object against the OpenAPI schema of its kind, offline. Returns undefined for a
 * kind without a schema here (a custom resource, or a kind newer than these schemas).
 */
export function validateAgainstSchema(
  object: Record<string, unknown>,
  apiVersion: string,
  kind: string,
): SchemaViolation[] | undefined {
  const Model = modelRegistry().get(`${apiVersion}/${kind}`);
  if (!Model) return undefined;
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: AjvError[] }).errors;
    if (!Array.isArray(errors)) throw error;
    return errors.map(toViolation);
  }
}

function toViolation(error: AjvError): SchemaViolation {
  const field = pointerToFieldPath(error.instancePath);
  if (error.keyword === 'required' && typeof error.params.missingProperty === 'string') {
    return { field: appendField(field, error.params.missingProperty), message: 'is required' };
  }
  if (error.keyword === 'enum' && Array.isArray(error.params.allowedValues)) {
    return {
      field,
      message: `must be one of ${error.params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`,
    };
  }
  return { field, message: error.message ?? `is invalid (${error.keyword})` };
}
