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
import { procedureFor, router, viewerProcedure } from "../../trpc";
import { ZProjectSchema } from "../inputs";

export const ZMaterializeSchema = z.object({ project: ZProjectSchema, values: ZMaterializeFormSchema });
export type TMaterializeInput = z.input<typeof ZMaterializeSchema>;

export const ZMaterializationJobSchema = z.object({ project: ZProjectSchema, id: z.string().trim().min(1) });

const toRequest = ({ project, values }: z.infer<typeof ZMaterializeSchema>) => ({ project, ...values });

export const materializationRouter = router({
  preview: viewerProcedure
    .input(ZMaterializeSchema)
    .query(({ ctx, input }) => previewMaterialization(ctx.workspace, toRequest(input))),
  /** Returns the job id as soon as the job exists; the run goes on in the server process. */
  start: procedureFor("materialize")
    .input(ZMaterializeSchema)
    .mutation(({ ctx, input }) => startMaterialization(ctx.workspace, toRequest(input))),
  job: viewerProcedure
    .input(ZMaterializationJobSchema)
    .query(({ ctx, input }) => getMaterializationJob(ctx.workspace, input)),
  cancel: procedureFor("materialize")
    .input(ZMaterializationJobSchema)
    .mutation(({ ctx, input }) => cancelMaterializationJob(ctx.workspace, input)),
});
