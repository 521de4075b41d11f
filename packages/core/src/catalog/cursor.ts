/**
 * Opaque cursors over lists sorted by a text key: the cursor is the last key of the previous page,
 * so a page stays correct when objects are added or removed between two requests.
 */
import { PantryError } from "../errors";
import { compareText } from "./catalog-index";
import type { Page } from "./types";

export function encodeCursor(key: string): string {
  return Buffer.from(key, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, "base64url").toString("utf8");
  if (!key || encodeCursor(key) !== cursor) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      "the page cursor is not one this server gave out; start again from the first page",
    );
  }
  return key;
}

/** One page of `items` (already sorted by `keyOf`), starting after the cursor's key. */
export function pageOf<T, R = T>(
  items: T[],
  options: { cursor?: string | null; limit: number; keyOf: (item: T) => string; map?: (item: T) => R },
): Page<R> {
  let start = 0;
  if (options.cursor) {
    const after = decodeCursor(options.cursor);
    // Binary search: the first item whose key sorts after the cursor.
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareText(options.keyOf(items[mid] as T), after) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const slice = items.slice(start, start + options.limit);
  const last = slice[slice.length - 1];
  const hasMore = start + options.limit < items.length;
  const map = options.map ?? ((item: T) => item as unknown as R);
  return {
    items: slice.map(map),
    nextCursor: hasMore && last !== undefined ? encodeCursor(options.keyOf(last)) : null,
    total: items.length,
  };
}
