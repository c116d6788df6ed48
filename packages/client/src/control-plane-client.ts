import { type ClientOptions, createRequester, type RequestOptions, required } from './client';
import {
  AuditLogDocument,
  type AuditLogQuery,
  type AuditLogQueryVariables,
  CatalogDocument,
  CatalogItemDocument,
  type CatalogQuery,
  type CatalogQueryVariables,
  CloneCatalogItemDocument,
  type CloneCatalogItemMutationVariables,
  CreateDesignDocument,
  type CreateDesignMutationVariables,
  CreateWebhookDocument,
  type CreateWebhookMutationVariables,
  DesignDocument,
  type DesignFieldsFragment,
  DesignsDocument,
  MeDocument,
  OrganizationsDocument,
  UpdateDesignDocument,
  type UpdateDesignMutationVariables,
  WorkspacesDocument,
} from './generated/graphql';

/** The largest page the API serves: the iterators ask for it, so a long list costs fewest requests. */
const MAX_PAGE_SIZE = 100;

type PageOptions = RequestOptions & {
  /** Nodes per request, 1 to 100. Default 100. */
  pageSize?: number;
};

export type Design = DesignFieldsFragment;
export type CatalogItemSummary = CatalogQuery['catalog']['nodes'][number];
export type AuditEvent = AuditLogQuery['auditLog']['nodes'][number];

/**
 * A client of the control plane's GraphQL API with the calls partners make most, each typed from
 * the API schema. Everything else goes through `request` (any typed document) and `paginate`
 * (any connection).
 *
 *     const client = createControlPlaneClient({ url, apiKey: process.env.CONTROLPLANE_API_KEY });
 *     for (const organization of await client.organizations()) …
 */
export function createControlPlaneClient(options: ClientOptions) {
  const { request, paginate } = createRequester(options);
  const pageOf = (call: PageOptions | undefined) => ({ first: call?.pageSize ?? MAX_PAGE_SIZE });

  return {
    request,
    paginate,

    /** The signed-in user and its organizations; null for an API key (it is no user). */
    async me(call?: RequestOptions) {
      return (await request(MeDocument, {}, call)).me;
    },

    /** The caller's organizations (an API key's: its own one). */
    async organizations(call?: RequestOptions) {
      return (await request(OrganizationsDocument, {}, call)).organizations;
    },

    /** The workspaces of an organization that the caller may see. */
    async workspaces(organizationId: string, call?: RequestOptions) {
      const data = await request(WorkspacesDocument, { organizationId }, call);
      return required(data.organization, 'Organization').workspaces;
    },

    /** Every design of a workspace (cloned ones name their catalog version in `clonedFrom`). */
    designs(workspaceId: string, call?: PageOptions): AsyncGenerator<Design, void, undefined> {
      return paginate(
        DesignsDocument,
        { workspaceId, ...pageOf(call) },
        (data) => data.workspace?.designs,
        call,
      );
    },

    /** One design with its content. */
    async design(id: string, call?: RequestOptions) {
      return required((await request(DesignDocument, { id }, call)).design, 'Design');
    },

    /** Creates a design (a mutation: never retried unless the call opts in). */
    async createDesign(input: CreateDesignMutationVariables['input'], call?: RequestOptions) {
      return (await request(CreateDesignDocument, { input }, call)).createDesign;
    },

    /**
     * Changes a design if it is still at `expectedRevision`; ConflictError otherwise. Safe to
     * retry (`{ retry: { retryMutations: true } }`): a repeat after success is a CONFLICT, not a
     * second change.
     */
    async updateDesign(variables: UpdateDesignMutationVariables, call?: RequestOptions) {
      return (await request(UpdateDesignDocument, variables, call)).updateDesign;
    },

    /** Every catalog item the caller may see that matches `filter`, newest first. */
    searchCatalog(
      filter: CatalogQueryVariables['filter'] = {},
      call?: PageOptions,
    ): AsyncGenerator<CatalogItemSummary, void, undefined> {
      return paginate(CatalogDocument, { filter, ...pageOf(call) }, (data) => data.catalog, call);
    },

    /** One catalog item with its versions (published ones; all of them for the publisher's members). */
    async catalogItem(id: string, call?: RequestOptions) {
      return required((await request(CatalogItemDocument, { id }, call)).catalogItem, 'CatalogItem');
    },

    /** Clones a catalog version (the latest published one by default) into a workspace as a design. */
    async cloneCatalogItem(input: CloneCatalogItemMutationVariables['input'], call?: RequestOptions) {
      return (await request(CloneCatalogItemDocument, { input }, call)).cloneCatalogItem;
    },

    /**
     * Subscribes an HTTPS endpoint to an organization's audit events (all, exact actions, or
     * prefixes like `catalog.*`); the answer's `secret` verifies deliveries and is shown once.
     */
    async createWebhook(input: CreateWebhookMutationVariables['input'], call?: RequestOptions) {
      return (await request(CreateWebhookDocument, { input }, call)).createWebhook;
    },

    /** Every audit event of the organizations (OWNER, ADMIN or AUDITOR in each), newest first. */
    auditLog(
      organizationIds: string[],
      filter: AuditLogQueryVariables['filter'] = {},
      call?: PageOptions,
    ): AsyncGenerator<AuditEvent, void, undefined> {
      return paginate(
        AuditLogDocument,
        { organizationIds, filter, ...pageOf(call) },
        (data) => data.auditLog,
        call,
      );
    },
  };
}

export type ControlPlaneClient = ReturnType<typeof createControlPlaneClient>;
