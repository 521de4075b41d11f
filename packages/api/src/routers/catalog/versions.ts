import { listObjectVersions } from "@pantry/core/catalog/index";
import { publicProcedure } from "../../trpc";
import { ZCatalogGetSchema } from "./get";

export const ZCatalogVersionsSchema = ZCatalogGetSchema;

export const catalogVersionsProcedure = publicProcedure
  .input(ZCatalogVersionsSchema)
  .query(({ ctx, input }) => listObjectVersions(ctx.workspace, input));
