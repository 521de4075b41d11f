import { listAuditEvents, parseAuditFilter } from "@pantry/core";
import { z } from "zod";
import { viewerProcedure } from "../../trpc";
import { ZCursorSchema, ZLimitSchema, ZProjectSchema } from "../inputs";

export const ZCatalogAuditSchema = z
  .object({
    project: ZProjectSchema.optional(),
    cursor: ZCursorSchema,
    limit: ZLimitSchema(50),
    actor: z.string().trim().max(200).nullish(),
    action: z.string().trim().max(100).nullish(),
    object: z.string().trim().max(400).nullish(),
    since: z.string().trim().max(100).nullish(),
    until: z.string().trim().max(100).nullish(),
  })
  .default({ limit: 50 });
export type TCatalogAuditInput = z.input<typeof ZCatalogAuditSchema>;

export const catalogAuditProcedure = viewerProcedure
  .input(ZCatalogAuditSchema)
  .query(({ ctx, input: { actor, action, object, since, until, ...page } }) =>
    listAuditEvents(ctx.workspace, { ...page, filter: parseAuditFilter({ actor, action, object, since, until }) }),
  );
