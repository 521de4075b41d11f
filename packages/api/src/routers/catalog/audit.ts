import { listAuditEvents } from "@pantry/core";
import { z } from "zod";
import { viewerProcedure } from "../../trpc";
import { ZCursorSchema, ZLimitSchema, ZProjectSchema } from "../inputs";

export const ZCatalogAuditSchema = z
  .object({ project: ZProjectSchema.optional(), cursor: ZCursorSchema, limit: ZLimitSchema(50) })
  .default({ limit: 50 });
export type TCatalogAuditInput = z.input<typeof ZCatalogAuditSchema>;

export const catalogAuditProcedure = viewerProcedure
  .input(ZCatalogAuditSchema)
  .query(({ ctx, input }) => listAuditEvents(ctx.workspace, input));
