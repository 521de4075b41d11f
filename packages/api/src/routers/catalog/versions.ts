import { listObjectVersions } from "@pantry/core";
import { viewerProcedure } from "../../trpc";
import { ZCatalogGetSchema } from "./get";

export const ZCatalogVersionsSchema = ZCatalogGetSchema;

export const catalogVersionsProcedure = viewerProcedure
  .input(ZCatalogVersionsSchema)
  .query(({ ctx, input }) => listObjectVersions(ctx.workspace, input));
