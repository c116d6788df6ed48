import type { Viewer } from '@controlplane/auth';
import { identityApi, type ServiceCaller } from '@controlplane/internal-api';

/** The identity service's answers, as the catalog needs them. */
export function createIdentityClient(internalApi: ServiceCaller) {
  return {
    /**
     * Makes an organization's profile public before its first PUBLIC item shows; 'gone' when the
     * organization was deleted (nothing of it may become public). Fails when identity cannot answer.
     */
    async makePublisherPublic(viewer: Viewer, organizationId: string): Promise<'public' | 'gone'> {
      const answer = await internalApi.ask(identityApi.publicPublisher, { organizationId }, viewer);
      return answer.ok ? 'public' : 'gone';
    },
  };
}

export type IdentityClient = ReturnType<typeof createIdentityClient>;
