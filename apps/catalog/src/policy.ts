/**
 * Who may see or change what in the catalog, in one place. Shield rules (permissions.ts),
 * resolvers, lists and `__resolveReference` all ask here, so no path shows or allows more than
 * another; subjects are loaded through the request's DataLoaders, once per request.
 *
 * Members of the publisher see all of its items and versions; everyone else, anonymous callers
 * included, sees a PUBLIC item once a version is approved and until it is withdrawn, and only its
 * PUBLISHED versions. The publisher's OWNER and ADMIN review and withdraw; publishing needs the
 * EDITOR role on the design (the workspace subgraph says which role the caller has there).
 */
export * from './policy/visibility';
export * from './policy/actions';
