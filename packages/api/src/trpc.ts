/** tRPC setup: superjson (dates survive), the error shape the console relies on, procedure types. */
import { authorize, isPantryError, type RedactOptions, redactSecrets } from "@pantry/core";
import type { Action, Principal } from "@pantry/core";
import { initTRPC } from "@trpc/server";
import type { z } from "zod";
import superjson from "superjson";
import type { Context } from "./context";
import { type FieldErrors, fieldErrorsFromIssues, issuesOf, toTRPCError } from "./errors";

export interface PantryErrorData {
  /** The engine's code (INVALID_ARGUMENT, NOT_FOUND, ...), when the error came from it. */
  pantryCode: string | null;
  /** Input validation: field path (as in the form) -> messages. Engine checks on one field land here too. */
  fieldErrors: FieldErrors | null;
  /** Problems that are not about one field (whole-form refinements, validation of the project). */
  formErrors: string[] | null;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    // Paths inside the workspace may be shown; secrets and other absolute paths never are.
    const redact: RedactOptions = { allowedRoots: ctx ? [ctx.workspace.root] : [] };
    const clean = (text: string) => redactSecrets(text, redact);
    const issues = issuesOf(cause);
    let data: PantryErrorData = { pantryCode: null, fieldErrors: null, formErrors: null };
    if (issues) {
      data = { pantryCode: "INVALID_ARGUMENT", ...fieldErrorsFromIssues(issues) };
    } else if (isPantryError(cause)) {
      const field = typeof cause.details.field === "string" ? cause.details.field : null;
      const problems = Array.isArray(cause.details.problems) ? cause.details.problems.map(String) : null;
      data = { pantryCode: cause.code, fieldErrors: field ? { [field]: [cause.message] } : null, formErrors: problems };
    }
    const message =
      error.code === "INTERNAL_SERVER_ERROR" && !isPantryError(cause)
        ? "internal error; see the console's server log"
        : clean(shape.message);
    return {
      ...shape,
      message,
      data: {
        ...shape.data,
        ...data,
        fieldErrors: data.fieldErrors
          ? Object.fromEntries(Object.entries(data.fieldErrors).map(([k, v]) => [k, v.map(clean)]))
          : null,
        formErrors: data.formErrors?.map(clean) ?? null,
      },
    };
  },
});

/** Engine errors become tRPC errors with their code and message, here and nowhere else. */
const mapEngineErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped) throw mapped;
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** No access check: only for what must answer before sign-in. Everything else uses one below. */
export const publicProcedure = t.procedure.use(mapEngineErrors);

/**
 * Authenticates with the workspace's policy (no_auth: an admin named by x-pantry-user) and checks
 * the action's role (core's table) in the project the input names; the actor becomes the user.
 */
export function procedureFor(action: Action | ((input: unknown) => Action)) {
  return publicProcedure.use(async ({ ctx, next, getRawInput }) => {
    const policy = await ctx.workspace.accessPolicy();
    const principal: Principal = policy.authenticate(ctx.token, ctx.actor);
    const input = await getRawInput();
    authorize(principal, typeof action === "function" ? action(input) : action, projectOf(input));
    return next({ ctx: { ...ctx, actor: principal.name, principal } });
  });
}

/**
 * A procedure about one project: access checked as procedureFor, the input validated with
 * `schema`, then the project resolved once (NOT_FOUND with a did-you-mean for an unknown one) as
 * `ctx.project = { name, repoPath, registry, store }`. Handlers call domain functions with it.
 */
export function projectProcedure<TSchema extends z.ZodType<{ project: string }>>(
  action: Action | ((input: unknown) => Action),
  schema: TSchema,
) {
  return procedureFor(action)
    .input(schema)
    .use(async ({ ctx, input, next }) =>
      next({ ctx: { ...ctx, project: await ctx.workspace.project((input as { project: string }).project) } }),
    );
}

function projectOf(input: unknown): string | null {
  const project = (input as { project?: unknown } | null | undefined)?.project;
  return typeof project === "string" ? project : null;
}

/** Catalog, lineage, usage, freshness, jobs, search. */
export const viewerProcedure = procedureFor("read");
/** Console edits and imports; materialize, schedules, deprecate use their own editor actions. */
export const editorProcedure = procedureFor("edit");
/** Destructive deletes and user management. */
export const adminProcedure = procedureFor("delete");
