/**
 * Independent reads sent together: on PostgreSQL they run on separate pool connections and
 * their round trips overlap (PGlite takes them one after the other). A refusal is reported by
 * position, not by arrival, so the answer never depends on which query came back first.
 */
export async function allInOrder<T extends readonly unknown[]>(work: {
  readonly [K in keyof T]: Promise<T[K]>;
}): Promise<T> {
  const settled = await Promise.allSettled(work);
  for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
  return settled.map((o) => (o as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
