/** Turns a failed tRPC call into something a person can act on. */
import { TRPCClientError } from "@trpc/client";

export interface ActionableError {
  title: string;
  message: string;
  code: string | null;
  /** Field-level messages from a server-side Zod validation, keyed by dotted path. */
  fieldErrors: Record<string, string>;
  /** Problems that are not about one field (e.g. whole-project validation). */
  formErrors: string[];
  hint: string | null;
}

const HINTS: Record<string, string> = {
  NOT_FOUND: "Check the name in the address bar, or pick the object from its list.",
  BAD_REQUEST: "Fix the highlighted input and try again.",
  CONFLICT: "Another object already has this name; choose a different one.",
  PRECONDITION_FAILED: "The registry is not in a state that allows this yet; see the message for what to do first.",
  INTERNAL_SERVER_ERROR: "The server hit an unexpected problem. Check the console's server log, then retry.",
  UNAUTHORIZED: "Sign in with a token (pantry auth add-user <name> --role viewer prints one).",
  FORBIDDEN: "Your role does not allow this; ask an admin for a role that does.",
  TIMEOUT: "The server took too long. Retry; if it persists, check that the registry database is reachable.",
};

const TITLES: Record<string, string> = {
  NOT_FOUND: "Not found",
  BAD_REQUEST: "Invalid input",
  CONFLICT: "Name clash",
  PRECONDITION_FAILED: "Cannot do this yet",
  INTERNAL_SERVER_ERROR: "Something went wrong on the server",
  UNAUTHORIZED: "Sign-in needed",
  FORBIDDEN: "Not allowed for your role",
};

export function toActionableError(error: unknown): ActionableError {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as {
      code?: string;
      zodError?: unknown;
      fieldErrors?: unknown;
      formErrors?: unknown;
    };
    const code = typeof data.code === "string" ? data.code : null;
    return {
      title: (code && TITLES[code]) ?? "Request failed",
      message: error.message,
      code,
      fieldErrors: extractFieldErrors(data),
      formErrors: Array.isArray(data.formErrors) ? data.formErrors.map(String) : [],
      hint: code ? (HINTS[code] ?? null) : networkHint(error),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { title: "Something went wrong", message, code: null, fieldErrors: {}, formErrors: [], hint: null };
}

function networkHint(error: Error): string | null {
  return /fetch|network/i.test(error.message)
    ? "The console server is not reachable. Is `pantry ui` / `pnpm start` still running?"
    : null;
}

function extractFieldErrors(data: { zodError?: unknown; fieldErrors?: unknown }): Record<string, string> {
  const source = data.fieldErrors ?? (data.zodError as { fieldErrors?: unknown } | undefined)?.fieldErrors;
  if (!source || typeof source !== "object") return {};
  const out: Record<string, string> = {};
  for (const [path, messages] of Object.entries(source as Record<string, unknown>)) {
    if (typeof messages === "string") out[path] = messages;
    else if (Array.isArray(messages) && typeof messages[0] === "string") out[path] = messages[0];
  }
  return out;
}
