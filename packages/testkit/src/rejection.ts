/**
 * The error `promise` rejects with; fails when it resolves, and rethrows an error of any other
 * type than `type` (so a test asserting on the error's fields never reads the wrong kind).
 */
export async function rejectionOf<E extends Error>(
  type: abstract new (...args: never[]) => E,
  promise: Promise<unknown>,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected the call to fail with a ${type.name}`);
}
