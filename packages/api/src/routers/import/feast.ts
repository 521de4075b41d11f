import { importFeastRegistry } from "@pantry/core";
import { z } from "zod";
import { editorProcedure } from "../../trpc";
import { ZProjectSchema } from "../inputs";

/** 64 MB of base64 is about 48 MB of registry: far above real Feast registries, low enough to refuse a wrong file. */
const MAX_BASE64 = 64 * 1024 * 1024;

export const ZImportFeastSchema = z.object({
  /** The registry.db (Feast's protobuf file registry), base64-encoded. */
  fileBase64: z
    .string()
    .min(1, "Pick a Feast registry file")
    .max(MAX_BASE64, "The file is too large for a Feast registry (limit 48 MB)"),
  fileName: z.string().optional(),
  /** Import into the registry that holds this project (default: the workspace's first registry). */
  intoRegistryOf: ZProjectSchema.optional(),
});
export type TImportFeastInput = z.input<typeof ZImportFeastSchema>;

export const importFeastProcedure = editorProcedure.input(ZImportFeastSchema).mutation(async ({ ctx, input }) => {
  const bytes = new Uint8Array(Buffer.from(input.fileBase64, "base64"));
  const projects = await importFeastRegistry(ctx.workspace, {
    bytes,
    intoRegistryOf: input.intoRegistryOf,
    actor: ctx.actor,
    // Replacing objects of an earlier import needs admin; the engine checks it against its plan.
    principal: ctx.principal,
  });
  return { projects };
});
