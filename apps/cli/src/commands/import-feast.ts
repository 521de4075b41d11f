import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { PantryError } from "@pantry/core/shared";
import { withStore } from "../context";
import { printPlan } from "./apply";

export function registerImportFeastCommand(program: Command): void {
  program
    .command("import-feast <registry-file>")
    .description("import a Feast registry file (registry.db, binary protobuf) into this repo's registry")
    .action(async (file: string, _options: unknown, command: Command) => {
      const path = resolve(file);
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(path);
      } catch {
        throw new PantryError("NOT_FOUND", `cannot read the Feast registry file ${path}; check the path`);
      }
      await withStore(command, async (store) => {
        for (const { project, result } of await store.importFeast(bytes)) {
          process.stdout.write(`Imported Feast project '${project}':\n`);
          printPlan(result.plan, (await import("@pantry/core")).formatChange);
        }
      });
    });
}
