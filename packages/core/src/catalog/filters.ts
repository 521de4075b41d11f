/** The catalog's list filters, shared by object lists, feature lists and search. */
import type { Tags } from "../definitions/types";
import type { SearchText } from "./catalog-index";

/** "key:value" must match that value; "key" alone matches any value of the key. */
export function matchesTagFilters(tags: Tags, filters: string[] | undefined, alsoTags?: Tags): boolean {
  if (!filters?.length) return true;
  return filters.every((filter) => matchesTag(tags, filter) || (alsoTags !== undefined && matchesTag(alsoTags, filter)));
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

/** Every whitespace-separated word of `q` appears somewhere in the text. */
export function matchesText(text: SearchText, q: string | undefined): boolean {
  if (!q?.trim()) return true;
  return queryTokens(q).every((token) => text.haystack.includes(token));
}

export function queryTokens(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean);
}
