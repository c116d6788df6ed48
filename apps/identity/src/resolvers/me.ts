/**
 * What Query.me answers for a signed-in user: only its id. The GraphQL type (`Viewer` in the
 * contract) resolves the user and its memberships from it.
 */
export type MeRecord = { userId: string };
