/**
 * All search texts of an index in one string, so finding the documents that contain a word is a
 * few native indexOf calls over the whole catalog rather than one includes() per document. Each
 * distinct text is held once, with the documents that carry it (a postings list): catalogs repeat
 * themselves (the same feature names across views, one owner and tag set for every feature of a
 * view), so the string scanned is a fraction of the catalog and a word found once visits all its
 * documents without another scan. At 55,000 documents a selective word costs well under a millisecond.
 */
export interface TextCorpus {
  /** The distinct texts, separated by a character queries never hold. */
  text: string;
  /** Offset of each distinct text in `text`. */
  starts: Int32Array;
  /** The documents of distinct text u: `postings[postingStarts[u] .. postingStarts[u + 1])`, ascending. */
  postingStarts: Int32Array;
  postings: Int32Array;
}

const SEPARATOR = "\u0001";

export function buildCorpus(texts: string[]): TextCorpus {
  const slotOf = new Map<string, number>();
  const slots = new Int32Array(texts.length);
  const distinct: string[] = [];
  texts.forEach((text, i) => {
    let slot = slotOf.get(text);
    if (slot === undefined) {
      slot = distinct.length;
      slotOf.set(text, slot);
      distinct.push(text);
    }
    slots[i] = slot;
  });
  const starts = new Int32Array(distinct.length);
  let offset = 0;
  distinct.forEach((text, u) => {
    starts[u] = offset;
    offset += text.length + SEPARATOR.length;
  });
  // Counting sort of the document ids by their distinct text: ascending within each list.
  const postingStarts = new Int32Array(distinct.length + 1);
  for (const slot of slots) postingStarts[slot + 1] = (postingStarts[slot + 1] as number) + 1;
  for (let u = 0; u < distinct.length; u++) {
    postingStarts[u + 1] = (postingStarts[u + 1] as number) + (postingStarts[u] as number);
  }
  const fill = postingStarts.slice(0, distinct.length);
  const postings = new Int32Array(texts.length);
  slots.forEach((slot, id) => {
    postings[fill[slot] as number] = id;
    fill[slot] = (fill[slot] as number) + 1;
  });
  return { text: distinct.join(SEPARATOR), starts, postingStarts, postings };
}

/**
 * Calls `visit` with the id of each document whose text contains `token` (once per document; in
 * the order of the distinct texts, ascending within one text), allocating nothing.
 */
export function forEachDocumentContaining(corpus: TextCorpus, token: string, visit: (id: number) => void): void {
  const { text, starts, postingStarts, postings } = corpus;
  if (!token || token.includes(SEPARATOR)) return;
  let at = text.indexOf(token);
  let slot = 0;
  while (at !== -1) {
    slot = textAt(starts, at, slot);
    const end = postingStarts[slot + 1] as number;
    for (let p = postingStarts[slot] as number; p < end; p++) visit(postings[p] as number);
    // Skip the rest of this text: one hit per text is enough.
    const next = slot + 1 < starts.length ? (starts[slot + 1] as number) : text.length;
    at = text.indexOf(token, next);
  }
}

/** Ascending ids of the documents whose text contains `token` (lowercase, non-empty). */
export function documentsContaining(corpus: TextCorpus, token: string): number[] {
  const found: number[] = [];
  forEachDocumentContaining(corpus, token, (id) => found.push(id));
  return found.sort((a, b) => a - b);
}

/** The distinct text holding offset `at`, searching forward from `from` (offsets only grow). */
function textAt(starts: Int32Array, at: number, from: number): number {
  let lo = from;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
