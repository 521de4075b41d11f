import { getCatalogObject } from "@pantry/core";
import { z } from "zod";
import { projectProcedure } from "../../trpc";
import { ZObjectKindSchema, ZProjectSchema } from "../inputs";

export const ZCatalogGetSchema = z.object({
  project: ZProjectSchema,
  kind: ZObjectKindSchema,
  name: z.string().trim().min(1),
});
export type TCatalogGetInput = z.input<typeof ZCatalogGetSchema>;

export const catalogGetProcedure = projectProcedure("read", ZCatalogGetSchema).query(({ ctx, input }) =>
  getCatalogObject(ctx.project.registry, input),
);
