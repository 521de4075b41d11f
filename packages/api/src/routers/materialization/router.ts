/**
 * Materialization from the console: preview the windows, start a run in the background, follow
 * one job, cancel it. Following is read access; starting and cancelling need the materialize action (editor).
 */
import {
  cancelMaterializationJob,
  getMaterializationJob,
  previewMaterialization,
  startMaterialization,
} from "@pantry/core";
import { z } from "zod";
import { ZMaterializeFormSchema } from "../../schemas/materialize";
import { onViewsField } from "../../errors";
import { projectProcedure, router } from "../../trpc";
import { ZProjectSchema } from "../inputs";

export const ZMaterializeSchema = z.object({ project: ZProjectSchema, values: ZMaterializeFormSchema });
export type TMaterializeInput = z.input<typeof ZMaterializeSchema>;

export const ZMaterializationJobSchema = z.object({ project: ZProjectSchema, id: z.string().trim().min(1) });

const toRequest = ({ project, values }: z.infer<typeof ZMaterializeSchema>) => ({ project, ...values });

export const materializationRouter = router({
  preview: projectProcedure("read", ZMaterializeSchema).query(({ ctx, input }) =>
    onViewsField(() => previewMaterialization(ctx.project, toRequest(input))),
  ),
  /** Returns the job id as soon as the job exists; the run goes on in the server process. */
  start: projectProcedure("materialize", ZMaterializeSchema).mutation(({ ctx, input }) =>
    onViewsField(() => startMaterialization(ctx.project, toRequest(input))),
  ),
  job: projectProcedure("read", ZMaterializationJobSchema).query(({ ctx, input }) =>
    getMaterializationJob(ctx.project, input),
  ),
  cancel: projectProcedure("materialize", ZMaterializationJobSchema).mutation(({ ctx, input }) =>
    cancelMaterializationJob(ctx.project, input),
  ),
});
