/**
 * Cursor pagination as Letta does it: sort, then `after`/`before` an item id, then `limit`.
 * `before` returns the `limit` items closest to the cursor. Unknown cursors give an empty page.
 * Items sharing an id (Letta messages of one stored message) are treated as one cursor position.
 */
export function paginate<T>(
  items: readonly T[],
  idOf: (item: T) => string | undefined,
  query: URLSearchParams,
  defaultLimit: number,
): T[] {
  let list = [...items];
  const after = query.get("after");
  const before = query.get("before");
  if (after) {
    // Several Letta messages can share one id (one stored message); skip past all of them.
    let index = -1;
    list.forEach((item, i) => {
      if (idOf(item) === after) index = i;
    });
    list = index < 0 ? [] : list.slice(index + 1);
  }
  if (before) {
    const index = list.findIndex((item) => idOf(item) === before);
    list = index < 0 ? [] : list.slice(0, index);
  }
  const limitParam = query.get("limit");
  const limit = limitParam === null || limitParam === "" ? defaultLimit : Number(limitParam);
  if (!Number.isFinite(limit) || limit < 0) return list;
  return before ? list.slice(Math.max(0, list.length - limit)) : list.slice(0, limit);
}

/** Items in creation order, reversed unless `order=asc` (Letta's default is `desc`). */
export function ordered<T>(items: readonly T[], query: URLSearchParams, defaultOrder: "asc" | "desc" = "desc"): T[] {
  const order = query.get("order") ?? defaultOrder;
  return order === "asc" ? [...items] : [...items].reverse();
}
