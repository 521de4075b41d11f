/**
 * The search side of a catalog index: every object and feature as a document with its fields in
 * three corpora (names; tags and owner; descriptions), so ranking a query is a few native indexOf
 * scans per word plus one pass over a byte per document. No per-document objects are created
 * while searching; only the page of hits is materialized by the caller.
 *
 * Ranks: 5 exact name, 4 name prefix, 3 name contains, 2 tag or owner, 1 description.
 * Every word must match somewhere and the weakest word decides; "conv rate" also counts as the
 * name conv_rate.
 */
import { buildCorpus, documentsContaining, type TextCorpus } from "./text-corpus";

export interface SearchDocument {
  name: string;
  description: string;
  owner: string;
  /** Tags searched as "key:value" (so "team", "rides" and "team:rides" all match). */
  tags: Record<string, string>;
}

export interface SearchDocuments {
  count: number;
  /** Lowercased names, for the exact and prefix checks. */
  names: string[];
  nameCorpus: TextCorpus;
  tagOwnerCorpus: TextCorpus;
  descriptionCorpus: TextCorpus;
}

export function buildSearchDocuments(documents: SearchDocument[]): SearchDocuments {
  const names = documents.map((d) => d.name.toLowerCase());
  return {
    count: documents.length,
    names,
    nameCorpus: buildCorpus(names),
    tagOwnerCorpus: buildCorpus(
      documents.map((d) => [d.owner, ...Object.entries(d.tags).map(([k, v]) => `${k}:${v}`)].join("\n").toLowerCase()),
    ),
    descriptionCorpus: buildCorpus(documents.map((d) => d.description.toLowerCase())),
  };
}

function nameTier(name: string, token: string): number {
  return name === token ? 5 : name.startsWith(token) ? 4 : 3;
}

/** Best rank of one word per document (0 = absent). */
function rankWord(docs: SearchDocuments, token: string): Uint8Array {
  const ranks = new Uint8Array(docs.count);
  for (const id of documentsContaining(docs.descriptionCorpus, token)) ranks[id] = 1;
  for (const id of documentsContaining(docs.tagOwnerCorpus, token)) ranks[id] = 2;
  for (const id of documentsContaining(docs.nameCorpus, token)) ranks[id] = nameTier(docs.names[id] as string, token);
  return ranks;
}

/** Rank per document for the query words (0 = no match). `tokens` are lowercase and non-empty. */
export function rankDocuments(docs: SearchDocuments, tokens: string[]): Uint8Array {
  const [first, ...rest] = tokens;
  if (first === undefined) return new Uint8Array(docs.count);
  const ranks = rankWord(docs, first);
  for (const token of rest) {
    const other = rankWord(docs, token);
    for (let id = 0; id < docs.count; id++) {
      const r = other[id] as number;
      if (r < (ranks[id] as number)) ranks[id] = r;
    }
  }
  if (rest.length) {
    // Words typed with spaces often mean one snake_case name.
    const joined = tokens.join("_");
    for (const id of documentsContaining(docs.nameCorpus, joined)) {
      ranks[id] = Math.max(ranks[id] as number, nameTier(docs.names[id] as string, joined));
    }
  }
  return ranks;
}

/** Which tier a rank came from, for the UI's "matched on" label (2 is a tag or the owner). */
export function matchedField(doc: SearchDocument, rank: number, tokens: string[]): "name" | "tag" | "owner" | "description" | "filter" {
  if (rank >= 3) return "name";
  if (rank === 1) return "description";
  if (rank === 0) return "filter";
  const owner = doc.owner.toLowerCase();
  return tokens.some((t) => owner.includes(t)) && !tokens.some((t) => Object.entries(doc.tags).some(([k, v]) => `${k}:${v}`.toLowerCase().includes(t)))
    ? "owner"
    : "tag";
}
