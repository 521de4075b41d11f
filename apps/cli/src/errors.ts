/** The one place where the CLI turns errors into messages and exit codes. */
import { isPantryError, redactSecrets } from "@pantry/core/shared";
import { color } from "./output";

const EXIT_CODES: Record<string, number> = {
  INVALID_ARGUMENT: 2,
  NOT_FOUND: 3,
  CONFLICT: 4,
  FAILED_PRECONDITION: 5,
  UNAVAILABLE: 6,
  CANCELLED: 7,
  GONE: 8,
  PAYLOAD_TOO_LARGE: 2,
  UNAUTHENTICATED: 9,
  PERMISSION_DENIED: 10,
};

export function reportAndExit(error: unknown): never {
  if (isPantryError(error)) {
    // Secrets never reach the terminal (or the CI log it lands in); paths are the operator's own.
    process.stderr.write(`${color.red("Error:")} ${redactSecrets(error.message)}\n`);
    process.exit(EXIT_CODES[error.code] ?? 1);
  }
  const message = redactSecrets(error instanceof Error ? error.message : String(error));
  process.stderr.write(`${color.red("Error:")} ${message}\n`);
  if (process.env.PANTRY_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write("(unexpected; run again with PANTRY_DEBUG=1 for details, and report it)\n");
  process.exit(1);
}
