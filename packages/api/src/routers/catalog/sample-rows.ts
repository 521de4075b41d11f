import { sampleSourceRows } from "@pantry/core";
import { z } from "zod";
import { projectProcedure } from "../../trpc";
import { ZLimitSchema, ZProjectSchema } from "../inputs";

export const ZCatalogSampleRowsSchema = z.object({
  project: ZProjectSchema,
  source: z.string().trim().min(1),
  limit: ZLimitSchema(20, 100),
});
export type TCatalogSampleRowsInput = z.input<typeof ZCatalogSampleRowsSchema>;

export const catalogSampleRowsProcedure = projectProcedure("read", ZCatalogSampleRowsSchema).query(({ ctx, input }) =>
  sampleSourceRows(ctx.project.registry, ctx.project.store.offlineStore(), input),
);
