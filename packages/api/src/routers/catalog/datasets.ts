import { listSavedDatasets } from "@pantry/core/catalog/index";
import { z } from "zod";
import { publicProcedure } from "../../trpc";
import { ZProjectSchema } from "../inputs";

export const ZCatalogDatasetsSchema = z.object({ project: ZProjectSchema });
export type TCatalogDatasetsInput = z.input<typeof ZCatalogDatasetsSchema>;

export const catalogDatasetsProcedure = publicProcedure
  .input(ZCatalogDatasetsSchema)
  .query(({ ctx, input }) => listSavedDatasets(ctx.workspace, input));
