export { parseManifests, type ManifestNote, type ParsedManifests } from './manifests/parse-manifests';
export { ManifestValidationError, describeIssue, type Manifest, type ManifestIssue } from './manifests/manifest';
export { SCHEMA_KUBERNETES_VERSION } from './manifests/kubernetes-schemas';
export { redact } from './redact';
export { DeployTargetError } from './target-error';
