import { parseAllDocuments, type Document } from 'yaml';
import { MAX_DESIGN_BYTES, MAX_YAML_ALIASES } from './limits';
import { describeValue, resourceOf, validateManifest } from './manifest';
import { prepareManifest, type PreparedManifest } from './prepared-manifest';
import type { Manifest } from './types';

/** One document of a design: a Kubernetes object to evaluate, or why it cannot be one. */
export type DesignDocument =
  | {
      readonly ok: true;
      readonly resource: string;
      readonly kind: string;
      readonly manifest: PreparedManifest;
    }
  | { readonly ok: false; readonly resource: string; readonly reason: string };

const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/**
 * Splits design content (YAML or JSON, one or more `---` documents) into its Kubernetes objects.
 * Never throws: invalid YAML, an alias bomb or a document that is not a Kubernetes object is
 * returned as such, and the other documents are still read. Empty documents are skipped, but
 * they keep their place in the 1-based document numbering.
 *
 * Integers stay integers (`bigint`, CEL's `int`) and decimals become `double`, so
 * `object.spec.replicas == 3` and `x.cpu == 0.5` mean what they say, as in Kubernetes.
 */
export function readDesign(content: string): DesignDocument[] {
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > MAX_DESIGN_BYTES) {
    const limit = `${MAX_DESIGN_BYTES / 1024 / 1024} MiB`;
    return [
      {
        ok: false,
        resource: 'document 1',
        reason: `Design content is ${bytes} bytes; designs over ${limit} are not evaluated.`,
      },
    ];
  }
  let parsed: ReturnType<typeof parseAllDocuments>;
  try {
    parsed = parseAllDocuments(content, { intAsBigInt: true, uniqueKeys: true });
  } catch (failure) {
    // The parser reports its own failures (even a stack overflow) as document errors; this is a backstop.
    return [
      {
        ok: false,
        resource: 'document 1',
        reason: `Not valid YAML: ${failure instanceof Error ? failure.message : String(failure)}`,
      },
    ];
  }
  const documents = Array.isArray(parsed) ? parsed : [];
  return documents.flatMap((document, index) => {
    const read = readDocument(document, index + 1);
    return read === undefined ? [] : [read];
  });
}

function readDocument(document: Document, number: number): DesignDocument | undefined {
  const fallback = `document ${number}`;
  const [error] = document.errors;
  if (error !== undefined) {
    const firstLine = error.message.split('\n')[0] ?? '';
    return { ok: false, resource: fallback, reason: `Not valid YAML: ${firstLine.replace(/:$/, '')}.` };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_YAML_ALIASES, reviver: keepIntegersInRange });
  } catch (failure) {
    const message = failure instanceof Error ? failure.message : String(failure);
    return { ok: false, resource: fallback, reason: `Document could not be read: ${message}` };
  }
  if (value === null || value === undefined) return undefined;
  const resource = resourceOf(value, fallback);
  if (typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      resource,
      reason: `Not a Kubernetes object: the document is ${describeValue(value)}, not a mapping.`,
    };
  }
  const manifest = value as Manifest;
  const missing = validateManifest(manifest);
  if (missing.length > 0) {
    const needs = missing.length === 1 ? 'must be a non-empty string' : 'must be non-empty strings';
    return { ok: false, resource, reason: `Not a Kubernetes object: ${missing.join(' and ')} ${needs}.` };
  }
  try {
    return { ok: true, resource, kind: manifest.kind as string, manifest: prepareManifest(manifest) };
  } catch (failure) {
    return {
      ok: false,
      resource,
      reason: `Document could not be read: ${failure instanceof Error ? failure.message : String(failure)}`,
    };
  }
}

/** CEL's int is 64-bit; a YAML integer beyond that is kept as a double, as JSON would. */
function keepIntegersInRange(_key: unknown, value: unknown): unknown {
  return typeof value === 'bigint' && (value < INT64.min || value > INT64.max) ? Number(value) : value;
}
