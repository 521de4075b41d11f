import { planConsoleEdit } from "@pantry/core";
import { projectProcedure } from "../../trpc";
import { toConsoleEdit, ZEditSchema } from "./input";

export const ZEditPlanSchema = ZEditSchema;

/** What applying the form would change (creates, changes, deletes, destructive notes, affected services); writes nothing. */
export const editPlanProcedure = projectProcedure("read", ZEditPlanSchema).query(({ ctx, input }) =>
  planConsoleEdit(ctx.project, { edit: toConsoleEdit(input) }),
);
