import { unique, type GraphQLClient, type TestOrganization } from '@controlplane/testkit';

/** Operations and manifests shared by the policy, compliance report and deploy gate tests. */

export const CREATE_POLICY = `mutation ($input: CreatePolicyInput!) {
  createPolicy(input: $input) { id name severity enforcement kinds expression message organization { id } }
}`;
export const UPDATE_POLICY = `mutation ($id: ID!, $input: UpdatePolicyInput!) {
  updatePolicy(id: $id, input: $input) { id name severity enforcement kinds expression message }
}`;
export const DELETE_POLICY = `mutation ($id: ID!) { deletePolicy(id: $id) }`;
export const POLICIES = `query ($o: ID!) {
  policies(organizationId: $o) { id name description severity enforcement kinds expression message organization { id } }
}`;
export const COPY_POLICIES = `mutation ($from: ID!, $to: ID!) {
  copyPolicies(fromOrganizationId: $from, toOrganizationId: $to) { id name severity enforcement kinds expression message organization { id } }
}`;
export const VIOLATIONS = `query ($id: ID!) {
  design(id: $id) { id revision violations { policy { id name } design { id } designRevision resource message } }
}`;

export type PolicyInput = {
  name?: string;
  severity?: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  enforcement?: 'AUDIT' | 'DENY';
  kinds?: string[];
  expression: string;
  message?: string;
  description?: string;
};

export type CreatedPolicy = {
  id: string;
  name: string;
  severity: string;
  enforcement: string;
  kinds: string[];
  expression: string;
  message: string;
};

/** The variables of CREATE_POLICY for `input` in `organization` (a unique name, LOW severity and a message unless given). */
export function policyInput(organization: TestOrganization, input: PolicyInput) {
  return {
    input: {
      organizationId: organization.id,
      name: input.name ?? unique('policy'),
      severity: input.severity ?? 'LOW',
      message: input.message ?? 'Broken.',
      ...input,
    },
  };
}

/** Creates a policy in `organization` (a unique name and LOW severity unless given). */
export async function createPolicy(
  client: GraphQLClient,
  organization: TestOrganization,
  input: PolicyInput,
): Promise<CreatedPolicy> {
  const variables = policyInput(organization, input);
  return (await client.data<{ createPolicy: CreatedPolicy }>(CREATE_POLICY, variables)).createPolicy;
}

/** Reads a design's violations as its reader sees them, without the design's id repeated in each. */
export async function violationsOf(
  client: GraphQLClient,
  designId: string,
): Promise<{ policy: string; resource: string; message: string; designRevision: number }[]> {
  const { design } = await client.data(VIOLATIONS, { id: designId });
  return (
    design.violations as {
      policy: { name: string };
      design: { id: string };
      designRevision: number;
      resource: string;
      message: string;
    }[]
  ).map((violation) => {
    if (violation.design.id !== designId) throw new Error(`a violation of ${designId} names another design`);
    return {
      policy: violation.policy.name,
      resource: violation.resource,
      message: violation.message,
      designRevision: violation.designRevision,
    };
  });
}

export type ContainerOptions = {
  image?: string;
  runAsNonRoot?: boolean;
  privileged?: boolean;
  limits?: boolean;
};

/** The first lines of a manifest: its kind and its metadata, in namespace `shop`, labelled unless told otherwise. */
function headerLines(manifest: {
  apiVersion: string;
  kind: string;
  name: string;
  labels?: boolean;
}): string[] {
  return [
    `apiVersion: ${manifest.apiVersion}`,
    `kind: ${manifest.kind}`,
    'metadata:',
    `  name: ${manifest.name}`,
    '  namespace: shop',
    ...(manifest.labels === false ? [] : ['  labels: { app: shop }']),
  ];
}

/** A deployable Deployment in namespace `shop` with one container, shaped by `options`. */
export function deploymentManifest(
  name: string,
  options: ContainerOptions & { hostNetwork?: boolean; labels?: boolean } = {},
): string {
  const security: string[] = [];
  if (options.runAsNonRoot !== undefined) security.push(`runAsNonRoot: ${options.runAsNonRoot}`);
  if (options.privileged !== undefined) security.push(`privileged: ${options.privileged}`);
  return [
    ...headerLines({ apiVersion: 'apps/v1', kind: 'Deployment', name, labels: options.labels }),
    'spec:',
    '  replicas: 2',
    `  selector: { matchLabels: { app: ${name} } }`,
    '  template:',
    `    metadata: { labels: { app: ${name} } }`,
    '    spec:',
    ...(options.hostNetwork === undefined ? [] : [`      hostNetwork: ${options.hostNetwork}`]),
    '      containers:',
    `        - name: ${name}`,
    `          image: ${options.image ?? 'registry.example.com/shop:1.0'}`,
    ...(security.length === 0 ? [] : [`          securityContext: { ${security.join(', ')} }`]),
    ...(options.limits === false ? [] : ['          resources: { limits: { cpu: 500m, memory: 256Mi } }']),
    '',
  ].join('\n');
}

/** A ConfigMap in namespace `shop`, labelled unless told otherwise. */
export function configMapManifest(name: string, options: { labels?: boolean } = {}): string {
  return [
    ...headerLines({ apiVersion: 'v1', kind: 'ConfigMap', name, labels: options.labels }),
    'data: { mode: strict }',
    '',
  ].join('\n');
}

/** Several manifests as one multi-document design. */
export function documents(...manifests: string[]): string {
  return manifests.join('---\n');
}
