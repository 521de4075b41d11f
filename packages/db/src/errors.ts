/** Errors of the registry database, with the same codes the engine uses (it re-wraps them). */
export class RegistryDbError extends Error {
  readonly code: "UNAVAILABLE" | "FAILED_PRECONDITION" | "INVALID_ARGUMENT";
  constructor(code: RegistryDbError["code"], message: string) {
    super(message);
    this.name = "RegistryDbError";
    this.code = code;
  }
}
