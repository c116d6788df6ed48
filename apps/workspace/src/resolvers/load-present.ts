type ManyLoader<T> = { loadMany(ids: readonly string[]): Promise<(T | null | Error)[]> };

/** The rows of `ids` that exist, in order: an id whose row is gone is left out, not an error in the list. */
export async function loadPresent<T>(loader: ManyLoader<T>, ids: string[]): Promise<T[]> {
  return (await loader.loadMany(ids)).filter((row): row is T => row !== null && !(row instanceof Error));
}
