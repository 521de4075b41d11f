import { listObjectVersions } from "@pantry/core";
import { projectProcedure } from "../../trpc";
import { ZCatalogGetSchema } from "./get";

export const ZCatalogVersionsSchema = ZCatalogGetSchema;

export const catalogVersionsProcedure = projectProcedure("read", ZCatalogVersionsSchema).query(({ ctx, input }) =>
  listObjectVersions(ctx.project.registry, input),
);
