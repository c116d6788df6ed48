import { parseAllDocuments } from 'yaml';
import { SCHEMA_KUBERNETES_VERSION, validateAgainstSchema } from './kubernetes-schemas';
import { ManifestValidationError, type Manifest, type ManifestIssue } from './manifest';

/** A remark about a document that is accepted, e.g. a custom resource checked only partly. */
export type ManifestNote = { document: number; resource: string; message: string };

export type ParsedManifests = { manifests: Manifest[]; notes: ManifestNote[] };

/**
 * Parses a design's content as Kubernetes manifests: one or more YAML (or JSON) documents, each
 * with `apiVersion`, `kind` and `metadata.name`, each built-in kind validated offline against its
 * OpenAPI schema. Empty documents (a trailing `---`) are skipped. Custom resources and kinds
 * newer than the schemas pass with the basic checks only, and a note says so.
 *
 * @throws ManifestValidationError listing every problem of every document.
 */
export function parseManifests(content: string): ParsedManifests {
  const issues: ManifestIssue[] = [];
  const manifests: Manifest[] = [];
  const notes: ManifestNote[] = [];
  const seen = new Map<string, number>();
  let document = 0;
  for (const yamlDocument of parseAllDocuments(content)) {
    const failed = yamlDocument.errors.length > 0;
    // A document with nothing in it (`---` at the end, or only comments) is not a manifest.
    const data: unknown = failed ? undefined : yamlDocument.toJS({ maxAliasCount: 100 });
    if (!failed && (data === null || data === undefined)) continue;
    document += 1;
    if (failed) {
      for (const error of yamlDocument.errors)
        issues.push({ document, resource: null, field: '', message: `not valid YAML: ${error.message}` });
      continue;
    }
    const checked = checkDocument(data, document);
    if ('issues' in checked) {
      issues.push(...checked.issues);
      continue;
    }
    const { manifest } = checked;
    const resource = `${manifest.kind}/${manifest.name}`;
    const identity = `${manifest.apiVersion}/${manifest.kind}/${manifest.namespace ?? ''}/${manifest.name}`;
    const duplicateOf = seen.get(identity);
    if (duplicateOf !== undefined) {
      issues.push({ document, resource, field: 'metadata.name', message: `repeats document ${duplicateOf}` });
      continue;
    }
    seen.set(identity, document);
    const violations = validateAgainstSchema(manifest.object, manifest.apiVersion, manifest.kind);
    if (violations === undefined) {
      notes.push({
        document,
        resource,
        message: `${manifest.apiVersion} ${manifest.kind} is not a built-in kind of Kubernetes ${SCHEMA_KUBERNETES_VERSION} (a custom resource?): only apiVersion, kind and metadata were checked`,
      });
    }
    for (const violation of violations ?? []) issues.push({ document, resource, ...violation });
    manifests.push(manifest);
  }
  if (document === 0)
    issues.push({
      document: 1,
      resource: null,
      field: '',
      message: 'the design contains no Kubernetes manifest',
    });
  if (issues.length > 0) throw new ManifestValidationError(issues);
  return { manifests, notes };
}

type Checked = { manifest: Manifest } | { issues: ManifestIssue[] };

/** The checks every document gets, whatever its kind. */
function checkDocument(data: unknown, document: number): Checked {
  if (!isRecord(data))
    return {
      issues: [
        {
          document,
          resource: null,
          field: '',
          message: 'must be a mapping (an object), not a list or a scalar',
        },
      ],
    };
  const kind = nonEmptyString(data.kind);
  const metadata = isRecord(data.metadata) ? data.metadata : undefined;
  const name = nonEmptyString(metadata?.name);
  const resource = kind && name ? `${kind}/${name}` : null;
  const issues: ManifestIssue[] = [];
  const problem = (field: string, message: string) => issues.push({ document, resource, field, message });
  const apiVersion = nonEmptyString(data.apiVersion);
  if (!apiVersion) problem('apiVersion', 'is required');
  if (!kind) problem('kind', 'is required');
  if (kind && /List$/.test(kind) && Array.isArray(data.items))
    problem('kind', `${kind} is not deployable; write each item as its own document`);
  if (!metadata) problem('metadata', 'is required');
  else if (!name) problem('metadata.name', 'is required');
  if (metadata && metadata.namespace !== undefined && !nonEmptyString(metadata.namespace))
    problem('metadata.namespace', 'must be a non-empty string');
  if (issues.length > 0 || !apiVersion || !kind || !name) return { issues };
  const namespace = nonEmptyString(metadata?.namespace);
  return { manifest: { document, apiVersion, kind, name, namespace, object: data } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
