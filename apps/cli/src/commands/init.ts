import type { Command } from "commander";
import { initRepo } from "@pantry/core";
import type { GlobalOptions } from "../context";

export function registerInitCommand(program: Command): void {
  program
    .command("init <name>")
    .description("create a new feature repo in the standard layout, with sample data")
    .action(async (name: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const repoPath = await initRepo({ name, parentPath: globals.chdir ?? process.cwd() });
      process.stdout.write(
        `Created feature repo ${repoPath}\n\nNext:\n  cd ${repoPath}\n  pantry apply\n  pantry feature-views list\n`,
      );
    });
}
