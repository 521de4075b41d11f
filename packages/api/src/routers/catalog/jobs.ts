import { listMaterializationJobs } from "@pantry/core";
import { z } from "zod";
import { viewerProcedure } from "../../trpc";
import { ZLimitSchema, ZProjectSchema } from "../inputs";

export const ZCatalogJobsSchema = z
  .object({ project: ZProjectSchema.optional(), limit: ZLimitSchema(50) })
  .default({ limit: 50 });
export type TCatalogJobsInput = z.input<typeof ZCatalogJobsSchema>;

export const catalogJobsProcedure = viewerProcedure
  .input(ZCatalogJobsSchema)
  .query(({ ctx, input }) => listMaterializationJobs(ctx.workspace, input));
