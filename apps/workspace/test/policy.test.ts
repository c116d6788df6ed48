import { randomUUID } from 'node:crypto';
import { Viewer, type OrgRole, type WorkspaceRole } from '@controlplane/auth';
import { ContractError } from '@controlplane/errors';
import DataLoader from 'dataloader';
import { requireDesign, requireWorkspace, workspaceRoleOf, type PolicyContext } from '../src/policy';
import type { DesignRecord } from '../src/repositories/design-repository';
import type { GrantRecord, WorkspaceRecord } from '../src/repositories/workspace-repository';
import { at, recordOf } from './records';

const organizationId = randomUUID();
const teamId = randomUUID();
const workspace = recordOf<WorkspaceRecord>({ organizationId, name: 'payments', description: null });
const design = recordOf<DesignRecord>({
  workspaceId: workspace.id,
  organizationId,
  name: 'namespace',
  description: null,
  content: 'a: 1',
  revision: 1,
  createdById: null,
  updatedById: null,
});

/** A caller with `role` in the organization, member of the one team, which has `teamGrant` on the workspace. */
function contextOf(role: OrgRole | undefined, teamGrant?: WorkspaceRole) {
  const grants: GrantRecord[] =
    teamGrant === undefined
      ? []
      : [{ workspaceId: workspace.id, teamId, organizationId, role: teamGrant, grantedAt: at }];
  const batches: Record<string, number> = { workspace: 0, design: 0, grantsOfWorkspace: 0 };
  const loaderOf = <Row>(name: string, rows: Map<string, Row>, missing: Row) =>
    new DataLoader<string, Row>(async (ids) => {
      batches[name] = (batches[name] ?? 0) + 1;
      return ids.map((id) => rows.get(id) ?? missing);
    });
  const context: PolicyContext = {
    viewer: new Viewer({
      kind: 'user',
      userId: randomUUID(),
      displayName: 'Caller',
      organizations: role === undefined ? [] : [{ organizationId, role }],
      teams: role === undefined ? [] : [{ teamId, organizationId, role: 'MEMBER' }],
    }),
    loaders: {
      workspace: loaderOf('workspace', new Map([[workspace.id, workspace]]), null),
      design: loaderOf('design', new Map([[design.id, design]]), null),
      grantsOfWorkspace: loaderOf('grantsOfWorkspace', new Map([[workspace.id, grants]]), []),
      environment: loaderOf('environment', new Map(), null),
      connection: loaderOf('connection', new Map(), null),
    },
    // Never called here: only granting access asks identity about a team.
    identity: {
      organizationsOfTeams: () => Promise.reject(new Error('identity is not asked in these checks')),
    },
  };
  return { context, batches };
}

/** The contract error a check answers with, or undefined when it passes. */
async function errorOf(check: Promise<unknown>): Promise<{ code: unknown; message: string } | undefined> {
  try {
    await check;
    return undefined;
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    return { code: error.extensions.code, message: error.message };
  }
}

describe('the workspace policy', () => {
  it('gives an AUDITOR VIEWER whatever its teams grant', async () => {
    expect(await workspaceRoleOf(workspace, contextOf('AUDITOR', 'ADMIN').context)).toBe('VIEWER');
  });

  it("raises a MEMBER to its team's grant and leaves it without a role otherwise", async () => {
    expect(await workspaceRoleOf(workspace, contextOf('MEMBER', 'EDITOR').context)).toBe('EDITOR');
    expect(await workspaceRoleOf(workspace, contextOf('MEMBER').context)).toBeUndefined();
  });

  it('hides a workspace of an organization the caller is not in exactly like one that does not exist', async () => {
    const outsider = contextOf(undefined).context;
    expect(await errorOf(requireWorkspace(workspace.id, 'see', outsider))).toEqual({
      code: 'NOT_FOUND',
      message: 'Workspace not found.',
    });
    expect(await errorOf(requireWorkspace(randomUUID(), 'see', contextOf('OWNER').context))).toEqual({
      code: 'NOT_FOUND',
      message: 'Workspace not found.',
    });
  });

  it('refuses a visible design to a caller below EDITOR with FORBIDDEN naming the role it needs', async () => {
    expect(
      await errorOf(requireDesign(design.id, 'editDesigns', contextOf('MEMBER', 'VIEWER').context)),
    ).toEqual({ code: 'FORBIDDEN', message: 'This needs the EDITOR role in the workspace.' });
    expect(await requireDesign(design.id, 'editDesigns', contextOf('MEMBER', 'EDITOR').context)).toBe(design);
  });

  /** Guards "loaded once per request": the shield rule and the resolver ask the same question. */
  it('loads a design, its workspace and their grants once however often one request asks', async () => {
    const { context, batches } = contextOf('ADMIN');
    await requireDesign(design.id, 'editDesigns', context); // the shield rule
    await requireDesign(design.id, 'editDesigns', context); // the resolver
    await requireWorkspace(workspace.id, 'administer', context);
    expect(batches).toEqual({ design: 1, workspace: 1, grantsOfWorkspace: 1 });
  });
});
