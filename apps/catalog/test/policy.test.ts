import { randomUUID } from 'node:crypto';
import { Viewer } from '@controlplane/auth';
import {
  cloneOrigin,
  isOriginOnly,
  requireBeyondOrigin,
  requireDesignToPublish,
  requireFeedbackTarget,
  requireItemToWithdraw,
  requirePublication,
  requireReviewerOf,
  requireVersionToClone,
  requireVersionToReview,
} from '../src/policy';
import {
  addDesign,
  addItem,
  addVersion,
  apiKeyOf,
  emptyFixture,
  requestOf,
  userIn,
  type CatalogFixture,
} from './support/policy-context';

/** policy.ts alone, over in-memory records: every catalog refusal, with the contract's code and message. */
const refusal = (code: string, message: string) => ({ extensions: { code }, message });
const NOT_FOUND = (typeName: string) => refusal('NOT_FOUND', `${typeName} not found.`);

let fixture: CatalogFixture;
const publisher = randomUUID();
beforeEach(() => {
  fixture = emptyFixture();
});

describe('publishing a design', () => {
  it('refuses an anonymous caller with UNAUTHENTICATED without asking the workspace', async () => {
    const design = addDesign(fixture, 'EDITOR');
    await expect(requireDesignToPublish(design.id, requestOf(new Viewer(), fixture))).rejects.toMatchObject(
      refusal('UNAUTHENTICATED', 'Sign in to do this.'),
    );
    expect(fixture.designSourceCalls).toBe(0);
  });

  it('answers NOT_FOUND for a design the workspace does not show, and for a malformed id', async () => {
    const request = requestOf(userIn(publisher, 'MEMBER'), fixture);
    await expect(requireDesignToPublish(randomUUID(), request)).rejects.toMatchObject(NOT_FOUND('Design'));
    await expect(requireDesignToPublish('not-an-id', request)).rejects.toMatchObject(NOT_FOUND('Design'));
  });

  it("answers FORBIDDEN to a VIEWER of the design's workspace, with the reason", async () => {
    const design = addDesign(fixture, 'VIEWER', publisher);
    await expect(
      requireDesignToPublish(design.id, requestOf(userIn(publisher, 'MEMBER'), fixture)),
    ).rejects.toMatchObject(
      refusal('FORBIDDEN', "Publishing needs the EDITOR role in the design's workspace."),
    );
  });

  it('decides once per request when the shield rule and the resolver both ask', async () => {
    const design = addDesign(fixture, 'EDITOR', publisher);
    const request = requestOf(userIn(publisher, 'MEMBER'), fixture);
    expect(requireDesignToPublish(design.id, request)).toBe(requireDesignToPublish(design.id, request));
    const asRule = await requireDesignToPublish(design.id, request);
    const asResolver = await requirePublication({ designId: design.id }, request);
    expect(asResolver).toEqual({ design: asRule, item: null });
    expect(fixture.designSourceCalls).toBe(1);
    await requireDesignToPublish(design.id, requestOf(userIn(publisher, 'MEMBER'), fixture));
    expect(fixture.designSourceCalls).toBe(2);
  });

  it("hides another organization's item from a new version as NOT_FOUND, even when the caller sees it", async () => {
    const design = addDesign(fixture, 'EDITOR', publisher);
    const foreign = addItem(fixture);
    const own = addItem(fixture, { publisherOrganizationId: publisher });
    const request = requestOf(userIn(publisher, 'MEMBER'), fixture);
    await expect(
      requirePublication({ designId: design.id, catalogItemId: foreign.id }, request),
    ).rejects.toMatchObject(NOT_FOUND('CatalogItem'));
    await expect(
      requirePublication({ designId: design.id, catalogItemId: own.id }, request),
    ).resolves.toEqual({
      design,
      item: own,
    });
  });
});

describe('reviewing and withdrawing', () => {
  it("lets the publisher's OWNER and ADMIN through, and answers FORBIDDEN to its MEMBER", async () => {
    const item = addItem(fixture, { publisherOrganizationId: publisher });
    const version = addVersion(fixture, item, { status: 'PENDING_REVIEW' });
    for (const role of ['OWNER', 'ADMIN'] as const) {
      await expect(
        requireVersionToReview(version.id, requestOf(userIn(publisher, role), fixture)),
      ).resolves.toEqual({ item, version });
    }
    await expect(
      requireItemToWithdraw(item.id, requestOf(userIn(publisher, 'MEMBER'), fixture)),
    ).rejects.toMatchObject(refusal('FORBIDDEN', 'Only an OWNER or ADMIN of the publisher can do this.'));
  });

  it('hides a pending version of a PUBLIC item from an outsider as NOT_FOUND, like one that does not exist', async () => {
    const item = addItem(fixture, { publisherOrganizationId: publisher });
    const pending = addVersion(fixture, item, { status: 'PENDING_REVIEW', version: '1.1.0' });
    const outsider = requestOf(userIn(randomUUID(), 'OWNER'), fixture);
    await expect(requireVersionToReview(pending.id, outsider)).rejects.toMatchObject(
      NOT_FOUND('CatalogItemVersion'),
    );
    await expect(requireVersionToReview(randomUUID(), outsider)).rejects.toMatchObject(
      NOT_FOUND('CatalogItemVersion'),
    );
  });

  it("opens an organization's review queue to its OWNER and ADMIN only", () => {
    expect(() => requireReviewerOf(publisher, requestOf(userIn(publisher, 'ADMIN'), fixture))).not.toThrow();
    expect(() => requireReviewerOf(publisher, requestOf(userIn(publisher, 'AUDITOR'), fixture))).toThrow(
      expect.objectContaining(refusal('FORBIDDEN', 'You do not have the role needed for this action.')),
    );
    expect(() => requireReviewerOf(publisher, requestOf(userIn(randomUUID(), 'OWNER'), fixture))).toThrow(
      expect.objectContaining(NOT_FOUND('Organization')),
    );
  });
});

describe('cloning', () => {
  it('takes the newest PUBLISHED version when none is named', async () => {
    const item = addItem(fixture, { publisherOrganizationId: publisher });
    addVersion(fixture, item, { version: '1.2.0' });
    const newest = addVersion(fixture, item, { version: '1.10.0' });
    addVersion(fixture, item, { version: '2.0.0', status: 'PENDING_REVIEW' });
    const member = requestOf(userIn(publisher, 'MEMBER'), fixture);
    await expect(requireVersionToClone(item, undefined, member)).resolves.toBe(newest);
  });

  it('answers NOT_FOUND for a named version that is not PUBLISHED, even to the publisher', async () => {
    const item = addItem(fixture, { publisherOrganizationId: publisher });
    addVersion(fixture, item, { version: '2.0.0', status: 'PENDING_REVIEW' });
    const member = requestOf(userIn(publisher, 'OWNER'), fixture);
    await expect(requireVersionToClone(item, '2.0.0', member)).rejects.toMatchObject(
      NOT_FOUND('CatalogItemVersion'),
    );
    await expect(requireVersionToClone(item, undefined, member)).rejects.toMatchObject(
      NOT_FOUND('Published version'),
    );
  });

  it("shows a clone's origin as origin-only once its reader can no longer see the item", async () => {
    const item = addItem(fixture, { visibility: 'ORGANIZATION', publisherOrganizationId: publisher });
    const version = addVersion(fixture, item);
    const formerMember = requestOf(userIn(randomUUID(), 'OWNER'), fixture);
    const origin = await cloneOrigin(version.id, formerMember);
    expect(origin).toMatchObject({ id: version.id, version: '1.0.0' });
    expect(origin !== null && isOriginOnly(origin)).toBe(true);
    expect(() => requireBeyondOrigin(origin ?? {}, 'CatalogItemVersion')).toThrow(
      expect.objectContaining(NOT_FOUND('CatalogItemVersion')),
    );
    const member = await cloneOrigin(version.id, requestOf(userIn(publisher, 'MEMBER'), fixture));
    expect(member).toBe(version);
  });
});

describe('feedback', () => {
  it('refuses an API key with FORBIDDEN, even for an item it cannot see', async () => {
    const hidden = addItem(fixture, { visibility: 'ORGANIZATION' });
    await expect(
      requireFeedbackTarget(hidden.id, requestOf(apiKeyOf(randomUUID(), 'ADMIN'), fixture)),
    ).rejects.toMatchObject(refusal('FORBIDDEN', 'Only a signed-in user can do this, not an API key.'));
    await expect(requireFeedbackTarget(hidden.id, requestOf(new Viewer(), fixture))).rejects.toMatchObject(
      refusal('UNAUTHENTICATED', 'Sign in to do this.'),
    );
  });

  it('names the signed-in author of feedback on a visible item', async () => {
    const item = addItem(fixture);
    const viewer = userIn(randomUUID(), 'MEMBER');
    await expect(requireFeedbackTarget(item.id, requestOf(viewer, fixture))).resolves.toEqual({
      item,
      authorId: viewer.userId,
    });
    const withdrawn = addItem(fixture, { withdrawnAt: new Date() });
    await expect(requireFeedbackTarget(withdrawn.id, requestOf(viewer, fixture))).rejects.toMatchObject(
      NOT_FOUND('CatalogItem'),
    );
  });
});
