/**
 * The one place that maps engine errors to tRPC codes, and input validation failures to
 * field-level messages the forms can show next to their inputs.
 */
import { isPantryError, PantryError, type PantryErrorCode } from "@pantry/core";
import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";

const CODES: Record<PantryErrorCode, TRPC_ERROR_CODE_KEY> = {
  INVALID_ARGUMENT: "BAD_REQUEST",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  FAILED_PRECONDITION: "PRECONDITION_FAILED",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
  CANCELLED: "CLIENT_CLOSED_REQUEST",
  // tRPC has no 410; a retired object is "not found" for callers, the pantryCode says GONE.
  GONE: "NOT_FOUND",
  UNAUTHENTICATED: "UNAUTHORIZED",
  PERMISSION_DENIED: "FORBIDDEN",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

/** A PantryError as a TRPCError with the same message; anything else is left alone (null). */
export function toTRPCError(error: unknown): TRPCError | null {
  if (!isPantryError(error)) return null;
  return new TRPCError({ code: CODES[error.code], message: error.message, cause: error });
}

/** Field path -> messages, with the form wrapper (`form.values.`) dropped so paths match the form's own. */
export type FieldErrors = Record<string, string[]>;

interface Issue {
  path?: readonly (PropertyKey | { key: PropertyKey })[];
  message: string;
}

export function fieldErrorsFromIssues(issues: readonly Issue[]): { fieldErrors: FieldErrors; formErrors: string[] } {
  const fieldErrors: FieldErrors = {};
  const formErrors: string[] = [];
  for (const issue of issues) {
    const segments = (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p));
    const at = segments.lastIndexOf("values");
    const path = (at >= 0 ? segments.slice(at + 1) : segments).join(".");
    if (!path) formErrors.push(issue.message);
    else fieldErrors[path] = [...(fieldErrors[path] ?? []), issue.message];
  }
  return { fieldErrors, formErrors };
}

export function issuesOf(error: unknown): readonly Issue[] | null {
  if (error && typeof error === "object" && "issues" in error && Array.isArray((error as { issues: unknown }).issues)) {
    return (error as { issues: Issue[] }).issues;
  }
  return null;
}

/**
 * Engine errors about one named view (unknown, offline, no batch source) carry `details.view`;
 * the materialize form shows them next to its views picker, so they get `field: "views"` here.
 */
export async function onViewsField<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isPantryError(error) && typeof error.details.view === "string" && !error.details.field) {
      throw new PantryError(error.code, error.message, { ...error.details, field: "views" });
    }
    throw error;
  }
}
