import { errorCodes, expectData, graphql, useStack } from '@controlplane/testkit';

const { stack, make } = useStack();

const AUDIT = `query ($orgs: [ID!]!) { auditLog(organizationIds: $orgs) { totalCount nodes { id } } }`;

describe('auditLog', () => {
  /**
   * Guards the list limit: the shield rule and the resolver count the same list (repeats removed),
   * so a repeated foreign id can neither slip past the rule nor be told from one that does not exist.
   */
  it("refuses another tenant's organization listed more times than the limit allows, as FORBIDDEN", async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const outsider = await make.user();
    await make.organization(outsider);

    const repeated = Array.from({ length: 51 }, () => organization.id);
    const response = await graphql(stack.gatewayUrl, AUDIT, { orgs: repeated }, { token: outsider.token });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.data ?? null).toBeNull();
  });

  it('reads an organization listed repeatedly by its OWNER once', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const repeated = Array.from({ length: 51 }, () => organization.id);
    const { auditLog } = expectData(
      await graphql(stack.gatewayUrl, AUDIT, { orgs: repeated }, { token: owner.token }),
    );
    expect(auditLog.totalCount).toBeGreaterThan(0);
  });

  it('refuses an empty list and more than 50 distinct organizations as BAD_USER_INPUT', async () => {
    const owner = await make.user();
    const organization = await make.organization(owner);
    const distinct = [organization.id, ...Array.from({ length: 50 }, (_, index) => fakeId(index))];
    for (const orgs of [[], distinct]) {
      const response = await graphql(stack.gatewayUrl, AUDIT, { orgs }, { token: owner.token });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    }
  });
});

function fakeId(index: number): string {
  return `00000000-0000-4000-8000-${index.toString().padStart(12, '0')}`;
}
