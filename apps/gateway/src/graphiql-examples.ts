/**
 * What GraphiQL opens on: an introduction to this API, then one tab per step of the main
 * journey. `tests/graphiql-examples.test.ts` validates every operation (and its variables)
 * against the supergraph's API schema, so a schema change that breaks an example fails there.
 */

/** One GraphiQL tab: its operation and the JSON of its variables. */
export type GraphiqlExample = {
  query: string;
  variables?: string;
};

/** The introduction, as GraphQL comments above the first tab's query. */
export const GRAPHIQL_INTRODUCTION = `# Control plane API
#
# One federated GraphQL API for organizations, teams, workspaces, environments,
# designs (Kubernetes manifests), the catalog, deployments, policies, compliance
# and the audit log. The web console at / uses only this API.
#
# Authenticate: run the LogIn tab (or signUp), copy data.logIn.token and paste it
# into the "Bearer token" field above; every request then sends
# Authorization: Bearer <token>. An API key secret (createApiKey) works the same
# way. Without a token you are anonymous: \`me\` answers null.
#
# The tabs walk the main journey: LogIn, CreateOrganization, PublishDesign,
# CloneCatalogItem, DeployDesign, then Deployment (poll it until every target has
# finished), AuditLog and ComplianceReport. Put your own ids in each tab's
# Variables. The Docs pane (book icon) describes every type and field; errors
# carry a code in extensions.code (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND,
# BAD_USER_INPUT, CONFLICT, ...).
`;

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** The introduction tab, then the journey in order. */
export const GRAPHIQL_EXAMPLES: GraphiqlExample[] = [
  {
    query: `${GRAPHIQL_INTRODUCTION}
query Me {
  me {
    user { id displayName email }
    organizations { role organization { id name slug } }
  }
}
`,
  },
  {
    query: `# Sign in; paste data.logIn.token into the Bearer token field above.
mutation LogIn($email: String!, $password: String!) {
  logIn(email: $email, password: $password) {
    token
    user { id displayName }
  }
}
`,
    variables: json({ email: 'bob@payments.demo', password: 'demo-password-2026' }),
  },
  {
    query: `# You become the OWNER of the new organization.
mutation CreateOrganization($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { id slug name viewerRole }
}
`,
    variables: json({ input: { name: 'Retail Banking', description: 'Cards and payments' } }),
  },
  {
    query: `# Publish a design to the catalog; an OWNER or ADMIN approves it with
# reviewCatalogVersion before others can clone it.
mutation PublishDesign($input: PublishDesignInput!) {
  publishDesign(input: $input) {
    id version status
    item { id slug name visibility }
  }
}
`,
    variables: json({
      input: {
        designId: 'DESIGN_ID',
        name: 'PCI-DSS baseline',
        summary: 'Non-root containers with resource limits',
        tags: ['pci-dss', 'baseline'],
        visibility: 'PUBLIC',
      },
    }),
  },
  {
    query: `# Find an item, then clone its latest published version into a workspace.
query FindCatalogItems($search: String) {
  catalog(filter: { search: $search }, first: 10) {
    nodes { id name publisher { name } latestVersion { version } }
  }
}

mutation CloneCatalogItem($input: CloneCatalogItemInput!) {
  cloneCatalogItem(input: $input) {
    id name revision
    clonedFrom { version item { name } }
  }
}
`,
    variables: json({
      search: 'baseline',
      input: { catalogItemId: 'CATALOG_ITEM_ID', workspaceId: 'WORKSPACE_ID', name: 'Payments baseline' },
    }),
  },
  {
    query: `# Deploy (or dry-run) a design to an environment attached to its workspace.
# A violation of a DENY policy refuses it with the policy's name.
mutation DeployDesign($input: DeployDesignInput!) {
  deployDesign(input: $input) { id status dryRun designRevision }
}
`,
    variables: json({ input: { designId: 'DESIGN_ID', environmentId: 'ENVIRONMENT_ID', dryRun: true } }),
  },
  {
    query: `# Poll until the status is SUCCEEDED or FAILED; each connection is a target.
query Deployment($id: ID!) {
  deployment(id: $id) {
    id status action dryRun startedAt finishedAt
    targets {
      status message resources commit
      connection { name kind }
    }
  }
}
`,
    variables: json({ id: 'DEPLOYMENT_ID' }),
  },
  {
    query: `# OWNER, ADMIN or AUDITOR of every listed organization; newest first.
query AuditLog($organizationIds: [ID!]!, $filter: AuditFilter, $after: String) {
  auditLog(organizationIds: $organizationIds, filter: $filter, first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      occurredAt action targetType targetId
      organization { name }
      actor { type displayName }
    }
  }
}
`,
    variables: json({ organizationIds: ['ORGANIZATION_ID'], filter: { actions: ['design.update'] } }),
  },
  {
    query: `# One report per organization you may audit.
query ComplianceReport($organizationIds: [ID!]!, $severity: PolicySeverity) {
  complianceReport(organizationIds: $organizationIds) {
    organization { name }
    policies designsEvaluated compliantDesigns
    violations(severity: $severity, first: 50) {
      totalCount
      nodes {
        resource message
        policy { name severity enforcement }
        design { name }
      }
    }
  }
}
`,
    variables: json({ organizationIds: ['ORGANIZATION_ID'], severity: 'HIGH' }),
  },
];
