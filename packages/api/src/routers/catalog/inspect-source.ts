import { inspectFileSource } from "@pantry/core";
import { z } from "zod";
import { projectProcedure } from "../../trpc";
import { ZProjectSchema } from "../inputs";

export const ZCatalogInspectSourceSchema = z.object({
  project: ZProjectSchema,
  path: z.string().trim().min(1, "Give the path of a Parquet or CSV file"),
  format: z.enum(["parquet", "csv"]).optional(),
});
export type TCatalogInspectSourceInput = z.input<typeof ZCatalogInspectSourceSchema>;

/** A query (it writes nothing), so the form can call it as the path is typed. */
export const catalogInspectSourceProcedure = projectProcedure("read", ZCatalogInspectSourceSchema).query(
  ({ ctx, input }) => inspectFileSource(ctx.project.store, input),
);
