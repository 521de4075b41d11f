import { diffObjectVersions } from "@pantry/core";
import { z } from "zod";
import { projectProcedure } from "../../trpc";
import { ZCatalogGetSchema } from "./get";

export const ZCatalogDiffSchema = ZCatalogGetSchema.extend({
  from: z.number().int().min(1),
  to: z.number().int().min(1),
});
export type TCatalogDiffInput = z.input<typeof ZCatalogDiffSchema>;

export const catalogDiffProcedure = projectProcedure("read", ZCatalogDiffSchema).query(({ ctx, input }) =>
  diffObjectVersions(ctx.project.registry, input),
);
