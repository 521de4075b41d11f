import { applyConsoleEdit } from "@pantry/core";
import { projectProcedure } from "../../trpc";
import { toConsoleEdit, ZEditSchema } from "./input";

export const ZEditApplySchema = ZEditSchema;

/** Writes the edit: one version per changed object and one audit entry, as ctx.actor, origin "console". */
export const editApplyProcedure = projectProcedure(
  (input) => ((input as { intent?: unknown } | null)?.intent === "delete" ? "delete" : "edit"),
  ZEditApplySchema,
).mutation(({ ctx, input }) => applyConsoleEdit(ctx.project, { edit: toConsoleEdit(input), actor: ctx.actor }));
