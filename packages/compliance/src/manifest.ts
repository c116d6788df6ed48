import type { Manifest } from './types';

/**
 * What makes a parsed document a Kubernetes object, and how violations name it.
 */

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isMapping(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The required fields a mapping lacks, as paths: `apiVersion`, `kind`, `metadata.name`. */
export function validateManifest(manifest: Manifest): string[] {
  const metadata = manifest.metadata;
  return [
    nonEmptyString(manifest.apiVersion) ? undefined : 'apiVersion',
    nonEmptyString(manifest.kind) ? undefined : 'kind',
    isMapping(metadata) && nonEmptyString(metadata.name) ? undefined : 'metadata.name',
  ].filter((path): path is string => path !== undefined);
}

/**
 * `kind/namespace/name`, with an empty namespace when metadata.namespace is absent
 * (`Deployment//web`: the namespace is decided at deploy time), or `fallback`
 * (`document N`) when the value has no kind and name to be named by.
 */
export function resourceOf(value: unknown, fallback: string): string {
  if (!isMapping(value) || !nonEmptyString(value.kind) || !isMapping(value.metadata)) return fallback;
  const { name, namespace } = value.metadata;
  if (!nonEmptyString(name)) return fallback;
  return `${value.kind}/${typeof namespace === 'string' ? namespace : ''}/${name}`;
}

/** A value's shape in words, for the message that says it is not a mapping. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'bigint' || typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return `a ${typeof value}`;
}
