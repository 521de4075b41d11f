import type { Command } from "commander";
import { parseTimestampArgument } from "@pantry/core/shared";
import type { GlobalOptions } from "../context";
import { VERSION } from "../version";

export function registerInitCommand(program: Command): void {
  program
    .command("init <name>")
    .description("create a new feature repo in the standard layout, with sample data")
    .option("--end <timestamp>", "where the sample data ends (ISO 8601, UTC; default: now)")
    .action(async (name: string, options: { end?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const now = options.end ? parseTimestampArgument(options.end, "end") : undefined;
      const { initRepo } = await import("@pantry/core");
      const repoPath = await initRepo({ name, parentPath: globals.chdir ?? process.cwd(), now, packageVersion: VERSION });
      process.stdout.write(
        `Created feature repo ${repoPath}\n\nNext:\n  cd ${repoPath}\n  pantry apply\n  pantry feature-views list\n  pantry materialize-incremental $(date -u +"%Y-%m-%dT%H:%M:%S")\n  pantry serve\n`,
      );
    });
}
