import { listCatalogFeatures, workspaceScopes } from "@pantry/core";
import { z } from "zod";
import { viewerProcedure } from "../../trpc";
import { ZCursorSchema, ZLifecycleSchema, ZLimitSchema, ZProjectSchema } from "../inputs";

export const ZCatalogFeaturesSchema = z.object({
  project: ZProjectSchema.optional(),
  view: z.string().trim().optional(),
  q: z.string().trim().max(200).optional(),
  tags: z.array(z.string().trim().min(1)).optional(),
  owner: z.string().trim().optional(),
  dtype: z.string().trim().optional(),
  lifecycle: ZLifecycleSchema.optional(),
  cursor: ZCursorSchema,
  limit: ZLimitSchema(100, 500),
});
export type TCatalogFeaturesInput = z.input<typeof ZCatalogFeaturesSchema>;

export const catalogFeaturesProcedure = viewerProcedure
  .input(ZCatalogFeaturesSchema)
  .query(async ({ ctx, input }) => listCatalogFeatures(await workspaceScopes(ctx.workspace, input.project), input));
