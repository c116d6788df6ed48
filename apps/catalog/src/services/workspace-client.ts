import type { Viewer, WorkspaceRole } from '@controlplane/auth';
import type { ServiceClient } from '@controlplane/graphql-kit';

export type DesignSource = {
  id: string;
  workspaceId: string;
  organizationId: string;
  name: string;
  content: string;
};

/** A design the workspace made for a clone. */
export type MadeDesign = { id: string; organizationId: string };

/** The workspace subgraph's answers, as the catalog needs them (designs live there). */
export function createWorkspaceClient(client: ServiceClient) {
  return {
    /** A design with the caller's workspace role, or null when the caller may not see it. */
    async designSource(
      viewer: Viewer,
      designId: string,
    ): Promise<{ design: DesignSource; role: WorkspaceRole } | null> {
      const { status, body } = await client.call<{ design: DesignSource; role: WorkspaceRole }>(
        '/internal/designs/source',
        { designId },
        viewer,
      );
      if (status === 404) return null;
      if (status !== 200) throw new Error(`workspace answered ${status} for a design source`);
      return body;
    },

    /** Creates (once per clone key) the design of a clone; the workspace checks the caller is EDITOR. */
    async createCloneDesign(
      viewer: Viewer,
      request: { cloneKey: string; workspaceId: string; name: string; content: string; notAfter: string },
    ): Promise<
      { outcome: 'created'; design: MadeDesign } | { outcome: 'not-found' | 'forbidden' | 'expired' }
    > {
      const { status, body } = await client.call<{ design?: MadeDesign }>(
        '/internal/designs/clone',
        request,
        viewer,
      );
      if (status === 200 && body.design) return { outcome: 'created', design: body.design };
      if (status === 404) return { outcome: 'not-found' };
      if (status === 403) return { outcome: 'forbidden' };
      if (status === 410) return { outcome: 'expired' };
      throw new Error(`workspace answered ${status} for a clone`);
    },

    async designsByCloneKeys(viewer: Viewer, cloneKeys: string[]): Promise<Map<string, MadeDesign>> {
      const { designs } = await client.post<{ designs: (MadeDesign & { cloneKey: string })[] }>(
        '/internal/designs/by-clone-key',
        { cloneKeys },
        viewer,
      );
      return new Map(
        designs.map((design) => [design.cloneKey, { id: design.id, organizationId: design.organizationId }]),
      );
    },
  };
}

export type WorkspaceClient = ReturnType<typeof createWorkspaceClient>;
