/** The catalog's list filters, shared by object lists, feature lists and search. */
import type { Tags } from "../definitions/types";
import { rankDocuments, type SearchDocuments } from "./search-documents";

/** "key:value" must match that value; "key" alone matches any value of the key. */
export function matchesTagFilters(tags: Tags, filters: string[] | undefined, alsoTags?: Tags): boolean {
  if (!filters?.length) return true;
  return filters.every(
    (filter) => matchesTag(tags, filter) || (alsoTags !== undefined && matchesTag(alsoTags, filter)),
  );
}

function matchesTag(tags: Tags, filter: string): boolean {
  const at = filter.indexOf(":");
  if (at < 0) return Object.hasOwn(tags, filter.trim());
  const key = filter.slice(0, at).trim();
  const value = filter.slice(at + 1).trim();
  return tags[key]?.toLowerCase() === value.toLowerCase();
}

export function matchesOwner(owner: string, filter: string | undefined): boolean {
  return !filter || owner.toLowerCase() === filter.trim().toLowerCase();
}

/**
 * Per search document, whether `q` matches it (rank > 0): every word somewhere in the name, tags,
 * owner or description. null when there is no text to match (everything passes).
 */
export function textRanks(search: SearchDocuments, q: string | undefined): Uint8Array | null {
  const tokens = q ? queryTokens(q) : [];
  return tokens.length ? rankDocuments(search, tokens) : null;
}

export function queryTokens(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean);
}
