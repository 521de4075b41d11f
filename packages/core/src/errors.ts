/**
 * Every error a user can cause or fix carries a code and a message that names the thing and
 * says what to do. One place per edge (CLI exit code, HTTP status, tRPC code) maps the codes.
 */
export type PantryErrorCode =
  | "INVALID_ARGUMENT" // malformed input: bad YAML, bad JSON, a wrong type, a bad ttl
  | "NOT_FOUND" // an unknown project, view, feature, entity, file
  | "CONFLICT" // a name clash, a duplicate
  | "FAILED_PRECONDITION" // the registry or a source is not in a state that allows this
  | "PAYLOAD_TOO_LARGE"
  | "UNAVAILABLE" // a store or database that is down
  | "CANCELLED"
  | "GONE" // a retired feature
  | "UNAUTHENTICATED" // auth is on and the request has no valid token
  | "PERMISSION_DENIED" // the token's user has a role below the one the action needs
  | "INTERNAL";

export class PantryError extends Error {
  readonly code: PantryErrorCode;
  /** Extra structured facts (the object, the field, the suggestion) for APIs that return JSON. */
  readonly details: Record<string, unknown>;

  constructor(code: PantryErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "PantryError";
    this.code = code;
    this.details = details;
  }
}

export function isPantryError(error: unknown): error is PantryError {
  return error instanceof Error && (error as { name?: string }).name === "PantryError" && "code" in error;
}

/** Several validation problems reported at once (apply reports them all, then writes nothing). */
export class ValidationErrors extends PantryError {
  readonly problems: string[];
  constructor(problems: string[], heading = "The feature repo has problems; nothing was changed") {
    super("INVALID_ARGUMENT", `${heading}:\n${problems.map((p) => `  - ${p}`).join("\n")}`, { problems });
    this.problems = problems;
  }
}

/** "did you mean 'driver'?" for a name that is close to one that exists. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = levenshtein(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  if (best === undefined) return "";
  const limit = Math.max(2, Math.floor(name.length / 3));
  return bestDistance <= limit ? `; did you mean '${best}'?` : "";
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = current;
    }
  }
  return row[b.length] ?? 0;
}
