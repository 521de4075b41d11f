import { applyConsoleEdit } from "@pantry/core";
import { procedureFor } from "../../trpc";
import { toConsoleEdit, ZEditSchema } from "./input";

export const ZEditApplySchema = ZEditSchema;

/** Writes the edit: one version per changed object and one audit entry, as ctx.actor, origin "console". */
export const editApplyProcedure = procedureFor((input) =>
  (input as { intent?: unknown } | null)?.intent === "delete" ? "delete" : "edit",
)
  .input(ZEditApplySchema)
  .mutation(({ ctx, input }) =>
    applyConsoleEdit(ctx.workspace, { project: input.project, edit: toConsoleEdit(input), actor: ctx.actor }),
  );
