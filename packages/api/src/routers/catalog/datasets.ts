import { listSavedDatasets } from "@pantry/core";
import { z } from "zod";
import { viewerProcedure } from "../../trpc";
import { ZProjectSchema } from "../inputs";

export const ZCatalogDatasetsSchema = z.object({ project: ZProjectSchema });
export type TCatalogDatasetsInput = z.input<typeof ZCatalogDatasetsSchema>;

export const catalogDatasetsProcedure = viewerProcedure
  .input(ZCatalogDatasetsSchema)
  .query(({ ctx, input }) => listSavedDatasets(ctx.workspace, input));
