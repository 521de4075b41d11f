import { planConsoleEdit } from "@pantry/core";
import { viewerProcedure } from "../../trpc";
import { toConsoleEdit, ZEditSchema } from "./input";

export const ZEditPlanSchema = ZEditSchema;

/** What applying the form would change (creates, changes, deletes, destructive notes, affected services); writes nothing. */
export const editPlanProcedure = viewerProcedure
  .input(ZEditPlanSchema)
  .query(({ ctx, input }) => planConsoleEdit(ctx.workspace, { project: input.project, edit: toConsoleEdit(input) }));
