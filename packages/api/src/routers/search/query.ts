import { searchCatalog, workspaceScopes } from "@pantry/core";
import { z } from "zod";
import { viewerProcedure } from "../../trpc";
import { ZLimitSchema, ZObjectKindSchema, ZProjectSchema } from "../inputs";

export const ZSearchKindSchema = z.union([ZObjectKindSchema, z.literal("feature")]);

export const ZSearchQuerySchema = z.object({
  /** May be empty when a filter is given (all objects with that tag, ...). */
  q: z.string().max(200).default(""),
  project: ZProjectSchema.optional(),
  kinds: z.array(ZSearchKindSchema).optional(),
  /** "key:value" or "key". */
  tag: z.string().trim().min(1).optional(),
  owner: z.string().trim().min(1).optional(),
  limit: ZLimitSchema(20, 100),
});
export type TSearchQueryInput = z.input<typeof ZSearchQuerySchema>;

export const searchQueryProcedure = viewerProcedure
  .input(ZSearchQuerySchema)
  .query(async ({ ctx, input }) => searchCatalog(await workspaceScopes(ctx.workspace, input.project), input));
