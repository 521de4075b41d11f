import { listCatalogObjects } from "@pantry/core";
import { z } from "zod";
import { projectProcedure } from "../../trpc";
import {
  ZCursorSchema,
  ZLifecycleSchema,
  ZLimitSchema,
  ZObjectKindSchema,
  ZOriginSchema,
  ZProjectSchema,
} from "../inputs";

export const ZCatalogListSchema = z.object({
  project: ZProjectSchema,
  kind: ZObjectKindSchema,
  cursor: ZCursorSchema,
  limit: ZLimitSchema(50),
  q: z.string().trim().max(200).optional(),
  /** "key:value" or "key"; all must match. */
  tags: z.array(z.string().trim().min(1)).optional(),
  owner: z.string().trim().optional(),
  origin: ZOriginSchema.optional(),
  lifecycle: ZLifecycleSchema.optional(),
});
export type TCatalogListInput = z.input<typeof ZCatalogListSchema>;

export const catalogListProcedure = projectProcedure("read", ZCatalogListSchema).query(({ ctx, input }) =>
  listCatalogObjects(ctx.project.registry, input),
);
