/**
 * Commands that live in their own files (offline retrieval, materialization, serving, the
 * console). Each file exports `register(program)`; a missing one is skipped.
 */
import type { Command } from "commander";

const EXTENSIONS = ["./get-historical-features.ts", "./materialize.ts", "./serve.ts", "./ui.ts"];

export async function registerExtensionCommands(program: Command): Promise<void> {
  for (const path of EXTENSIONS) {
    let module: { register?: (program: Command) => void };
    try {
      module = await import(new URL(path, import.meta.url).href);
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND" && String((error as Error).message).includes(path.slice(2))) continue;
      throw error;
    }
    module.register?.(program);
  }
}
