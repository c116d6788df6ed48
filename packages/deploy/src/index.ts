export { parseManifests, type ManifestNote, type ParsedManifests } from './manifests/parse-manifests';
export {
  ManifestValidationError,
  describeIssue,
  type Manifest,
  type ManifestIssue,
} from './manifests/manifest';
export { SCHEMA_KUBERNETES_VERSION } from './manifests/kubernetes-schemas';
export { redact } from './redact';
export { DeployTargetError } from './target-error';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
export {
  applyToKubernetes,
  deleteFromKubernetes,
  type ApplicableManifest,
  type KubernetesResult,
} from './kubernetes/kubernetes-target';
export type {
  KubernetesConnection,
  KubernetesCredentials,
  KubernetesTargetOptions,
} from './kubernetes/kubernetes-session';
export { FIELD_MANAGER } from './kubernetes/object-api';
export { formatResourceRef, type KubernetesObjectRef } from './kubernetes/resource-ref';
export {
  commitManifestsToGit,
  removeManifestsFromGit,
  type GitChange,
  type GitConnection,
  type GitCredentials,
  type GitResult,
  type GitTargetOptions,
} from './git/git-target';
export { DEFAULT_GIT_PATH, GitPathError, renderGitPath, slugify } from './git/git-path';
