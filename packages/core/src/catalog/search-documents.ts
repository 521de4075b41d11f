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
import { buildCorpus, forEachDocumentContaining, type TextCorpus } from "./text-corpus";

export interface SearchDocument {
  name: string;
  description: string;
  owner: string;
  /** Tags searched as "key:value" (so "team", "rides" and "team:rides" all match). */
  tags: Record<string, string>;
}

/** What the search loop filters and sorts on, per document. */
export interface SearchColumns {
  kind: string;
  project: string;
  /** Features: their view; "" for objects. */
  view: string;
  /** Tags a tag filter also accepts (a feature's view tags). */
  extraTags: Record<string, string> | null;
}

export interface SearchDocuments {
  count: number;
  /**
   * Hot fields as parallel arrays: the search loop reads these for every candidate, and plain
   * arrays of strings stay fast where property reads on thousands of catalog objects did not.
   */
  kinds: string[];
  projects: string[];
  displayNames: string[];
  views: string[];
  owners: string[];
  tags: Record<string, string>[];
  extraTags: (Record<string, string> | null)[];
  /** Lowercased names, for the exact and prefix checks; names, "owner\nkey:value..." and descriptions are searched through the corpora. */
  names: string[];
  nameCorpus: TextCorpus;
  tagOwnerCorpus: TextCorpus;
  descriptionCorpus: TextCorpus;
  /** Reused by searches (they run synchronously, one at a time) for the per-document ranks. */
  scratch: Uint8Array;
  /** Reused within one ranking for the ranks of the second and later words. */
  wordScratch: Uint8Array;
}

export function buildSearchDocuments(documents: (SearchDocument & SearchColumns)[]): SearchDocuments {
  const names = documents.map((d) => d.name.toLowerCase());
  const tagOwnerTexts = documents.map((d) =>
    [d.owner, ...Object.entries(d.tags).map(([k, v]) => `${k}:${v}`)].join("\n").toLowerCase(),
  );
  const descriptionTexts = documents.map((d) => d.description.toLowerCase());
  return {
    count: documents.length,
    kinds: documents.map((d) => d.kind),
    projects: documents.map((d) => d.project),
    displayNames: documents.map((d) => d.name),
    views: documents.map((d) => d.view),
    owners: documents.map((d) => d.owner),
    tags: documents.map((d) => d.tags),
    extraTags: documents.map((d) => d.extraTags),
    names,
    nameCorpus: buildCorpus(names),
    tagOwnerCorpus: buildCorpus(tagOwnerTexts),
    descriptionCorpus: buildCorpus(descriptionTexts),
    scratch: new Uint8Array(documents.length),
    wordScratch: new Uint8Array(documents.length),
  };
}

function nameTier(name: string, token: string): number {
  return name === token ? 5 : name.startsWith(token) ? 4 : 3;
}

/** Best rank of one word per document (0 = absent), written into `ranks`. */
function rankWord(docs: SearchDocuments, token: string, ranks: Uint8Array): Uint8Array {
  ranks.fill(0);
  forEachDocumentContaining(docs.descriptionCorpus, token, (id) => {
    ranks[id] = 1;
  });
  forEachDocumentContaining(docs.tagOwnerCorpus, token, (id) => {
    ranks[id] = 2;
  });
  forEachDocumentContaining(docs.nameCorpus, token, (id) => {
    ranks[id] = nameTier(docs.names[id] as string, token);
  });
  return ranks;
}

/**
 * Rank per document for the query words (0 = no match). `tokens` are lowercase and non-empty.
 * Every word is looked up in the corpora (distinct texts, so a scan is short) and the weakest word
 * decides; an includes() per document for the later words was slower than a scan per word.
 * Pass `into` (length >= count) to reuse a buffer: searches run back to back, and a fresh
 * 55 KB array per keystroke is garbage the collector must chase through a large heap.
 */
export function rankDocuments(docs: SearchDocuments, tokens: string[], into?: Uint8Array): Uint8Array {
  const ranks = into && into.length >= docs.count ? into.subarray(0, docs.count) : new Uint8Array(docs.count);
  const [first, ...rest] = [...tokens].sort((a, b) => b.length - a.length);
  if (first === undefined) return ranks.fill(0);
  rankWord(docs, first, ranks);
  if (rest.length) {
    const word = docs.wordScratch.subarray(0, docs.count);
    for (const token of rest) {
      rankWord(docs, token, word);
      for (let id = 0; id < docs.count; id++) {
        const rank = word[id] as number;
        if (rank < (ranks[id] as number)) ranks[id] = rank;
      }
    }
    // Words typed with spaces often mean one snake_case name.
    const joined = tokens.join("_");
    forEachDocumentContaining(docs.nameCorpus, joined, (id) => {
      ranks[id] = Math.max(ranks[id] as number, nameTier(docs.names[id] as string, joined));
    });
  }
  return ranks;
}

/** Which tier a rank came from, for the UI's "matched on" label (2 is a tag or the owner). */
export function matchedField(
  doc: SearchDocument,
  rank: number,
  tokens: string[],
): "name" | "tag" | "owner" | "description" | "filter" {
  if (rank >= 3) return "name";
  if (rank === 1) return "description";
  if (rank === 0) return "filter";
  const owner = doc.owner.toLowerCase();
  return tokens.some((t) => owner.includes(t)) &&
    !tokens.some((t) => Object.entries(doc.tags).some(([k, v]) => `${k}:${v}`.toLowerCase().includes(t)))
    ? "owner"
    : "tag";
}
