/** A page of an SDK list: its items, and the next one. */
interface ListPage<T> {
  getPaginatedItems(): T[];
  iterPages(): AsyncGenerator<ListPage<T>>;
}

/**
 * Every item of an SDK list, walking its pages; stops at the first page that brings nothing new.
 * The SDK stops only at an empty page, so a server that ignores the `after` cursor (older or
 * misbehaving deployments, proxies) would make it ask for the same page forever
 * (letta-wire-facts.md 15). Items are kept once each, by `key` (their id by default).
 */
export async function collectLettaPages<T extends { id?: string | null }>(
  list: PromiseLike<ListPage<T>>,
  key: (item: T) => string | undefined = (item) => item.id ?? undefined,
): Promise<T[]> {
  const seen = new Set<string>();
  const items: T[] = [];
  for await (const page of (await list).iterPages()) {
    let fresh = 0;
    for (const item of page.getPaginatedItems()) {
      const id = key(item);
      if (id !== undefined) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      items.push(item);
      fresh++;
    }
    if (fresh === 0) break;
  }
  return items;
}
