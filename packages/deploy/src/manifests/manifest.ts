/** One Kubernetes object of a design, as parsed from its YAML. */
export type Manifest = {
  /** 1-based position of the document in the content, as editors and kubectl count. */
  document: number;
  apiVersion: string;
  kind: string;
  name: string;
  /** As written; the Kubernetes target fills in its default namespace where the kind needs one. */
  namespace: string | undefined;
  /** The whole document, as plain JSON data. */
  object: Record<string, unknown>;
};

/** One problem of one document, precise enough to fix it. */
export type ManifestIssue = {
  /** 1-based position of the document in the content. */
  document: number;
  /** `Kind/name` when the document got that far, otherwise null. */
  resource: string | null;
  /** Path of the offending field, e.g. `spec.template.spec.containers[0].image`; '' for the document itself. */
  field: string;
  message: string;
};

/**
 * The design's content is not deployable. `issues` lists every problem found (not only the
 * first), as JSON data a GraphQL BAD_USER_INPUT error can carry in its extensions:
 * `new ContractError('BAD_USER_INPUT', error.message, { field: error.field, issues: error.issues })`.
 */
export class ManifestValidationError extends Error {
  override readonly name = 'ManifestValidationError';
  /** The input field at fault: the design's content. */
  readonly field = 'content';
  readonly issues: readonly ManifestIssue[];

  constructor(issues: readonly ManifestIssue[]) {
    super(`The design is not valid Kubernetes manifests:\n${issues.map(describeIssue).join('\n')}`);
    this.issues = issues;
  }
}

/** `document 2 (Deployment/web): spec.replicas: must be integer` */
export function describeIssue(issue: ManifestIssue): string {
  const where = issue.resource
    ? `document ${issue.document} (${issue.resource})`
    : `document ${issue.document}`;
  return issue.field ? `${where}: ${issue.field}: ${issue.message}` : `${where}: ${issue.message}`;
}
