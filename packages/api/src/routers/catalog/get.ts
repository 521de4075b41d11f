import { getCatalogObject } from "@pantry/core";
import { z } from "zod";
import { viewerProcedure } from "../../trpc";
import { ZObjectKindSchema, ZProjectSchema } from "../inputs";

export const ZCatalogGetSchema = z.object({
  project: ZProjectSchema,
  kind: ZObjectKindSchema,
  name: z.string().trim().min(1),
});
export type TCatalogGetInput = z.input<typeof ZCatalogGetSchema>;

export const catalogGetProcedure = viewerProcedure
  .input(ZCatalogGetSchema)
  .query(({ ctx, input }) => getCatalogObject(ctx.workspace, input));
