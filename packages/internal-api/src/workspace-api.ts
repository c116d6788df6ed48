import { WORKSPACE_ROLES } from '@controlplane/auth';
import { z } from 'zod';
import { defineEndpoint } from './endpoint';

/** A design the workspace made for a catalog clone. */
const madeDesign = z.object({ id: z.string(), organizationId: z.string() });

/** The most designs one /internal/designs/sources call may ask about. */
export const MAX_DESIGN_SOURCES = 100;
/** The most clone keys one /internal/designs/by-clone-key call may ask about. */
export const MAX_CLONE_KEYS = 500;

/**
 * Endpoints of the workspace service, for the catalog. They answer with workspace's own
 * visibility rules, applied to the end user the catalog acts for.
 */
export const workspaceApi = {
  /**
   * The designs to publish that the end user may see, each with the user's workspace role; the
   * designs it may not see are left out.
   */
  designSources: defineEndpoint({
    service: 'workspace',
    path: '/internal/designs/sources',
    callers: ['catalog'],
    readOnly: true,
    request: z.object({ designIds: z.array(z.string().max(100)).min(1).max(MAX_DESIGN_SOURCES) }),
    response: z.object({
      sources: z.array(
        z.object({
          design: z.object({
            id: z.string(),
            workspaceId: z.string(),
            organizationId: z.string(),
            name: z.string(),
            content: z.string(),
          }),
          role: z.enum(WORKSPACE_ROLES),
        }),
      ),
    }),
    refusals: {},
  }),

  /**
   * Creates the design of a catalog clone, once per clone key (a retry answers the same design),
   * never after `notAfter` (the catalog may have failed the clone by then).
   */
  cloneDesign: defineEndpoint({
    service: 'workspace',
    path: '/internal/designs/clone',
    callers: ['catalog'],
    request: z.object({
      cloneKey: z.guid(),
      workspaceId: z.string().max(100),
      name: z.string(),
      content: z.string(),
      notAfter: z.iso.datetime(),
    }),
    response: z.object({ design: madeDesign }),
    refusals: {
      /** The end user may not see the workspace (or it does not exist). */
      workspaceNotFound: 404,
      /** The end user is below EDITOR in the workspace. */
      forbidden: 403,
      /** `notAfter` has passed. */
      expired: 410,
      /** The content is not a design this workspace can store. */
      unreadableContent: 422,
    },
  }),

  /** Which clones produced a design (the catalog's reconciler asks after an interrupted clone). */
  designsByCloneKey: defineEndpoint({
    service: 'workspace',
    path: '/internal/designs/by-clone-key',
    callers: ['catalog'],
    readOnly: true,
    request: z.object({ cloneKeys: z.array(z.string().max(100)).max(MAX_CLONE_KEYS) }),
    response: z.object({ designs: z.array(madeDesign.extend({ cloneKey: z.string() })) }),
    refusals: {},
  }),
};
