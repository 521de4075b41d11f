/** Errors of the registry database, with the same codes the engine uses (it re-wraps them). */
export class RegistryDbError extends Error {
  readonly code: "UNAVAILABLE" | "FAILED_PRECONDITION" | "INVALID_ARGUMENT" | "CONFLICT";
  constructor(code: RegistryDbError["code"], message: string) {
    super(message);
    this.name = "RegistryDbError";
    this.code = code;
  }
}

/**
 * A unique constraint that failed inside a write transaction means another writer (a console
 * request, a CLI apply, another process) wrote the same object first: a CONFLICT, never a crash.
 * The transaction rolled back as a whole, so nothing of this write is left.
 */
export function conflictOnUnique(error: unknown, what: string): unknown {
  if ((error as { code?: unknown } | null)?.code !== "P2002") return error;
  return new RegistryDbError(
    "CONFLICT",
    `${what}: another change to the same objects was written at the same moment; nothing of this one was written (look again and retry)`,
  );
}
