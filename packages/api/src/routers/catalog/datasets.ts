import { listDatasets } from "@pantry/core";
import { z } from "zod";
import { projectProcedure } from "../../trpc";
import { ZProjectSchema } from "../inputs";

export const ZCatalogDatasetsSchema = z.object({ project: ZProjectSchema });
export type TCatalogDatasetsInput = z.input<typeof ZCatalogDatasetsSchema>;

export const catalogDatasetsProcedure = projectProcedure("read", ZCatalogDatasetsSchema).query(({ ctx, input }) =>
  listDatasets(ctx.project.registry, input.project),
);
