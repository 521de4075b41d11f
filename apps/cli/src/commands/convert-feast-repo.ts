import { resolve } from "node:path";
import type { Command } from "commander";
import type { GlobalOptions } from "../context";

export function registerConvertFeastRepoCommand(program: Command): void {
  program
    .command("convert-feast-repo")
    .description("write this Feast repo's Python definitions as an equivalent TypeScript feature_definitions.ts")
    .option("--out <dir>", "folder to write into (default: the repo itself, whose *.ts then replace the *.py)")
    .action(async (options: { out?: string }, command: Command) => {
      const { convertFeastRepo } = await import("@pantry/core");
      const globals = command.optsWithGlobals<GlobalOptions>();
      const cwd = resolve(globals.chdir ?? process.cwd());
      const result = await convertFeastRepo({
        repoPath: cwd,
        configPath: globals.featureStoreYaml ? resolve(cwd, globals.featureStoreYaml) : undefined,
        out: options.out ? resolve(process.cwd(), options.out) : undefined,
      });
      process.stdout.write(`Wrote ${result.file} (${result.objects} objects).\n`);
      for (const view of result.toPort) {
        process.stdout.write(
          `  on-demand feature view '${view}': its Python transform is kept as feastPythonTransform(...); port it to a (row) => ({...}) function to serve it\n`,
        );
      }
      process.stdout.write("Run `pantry plan` there: it shows no changes against the registry the Python repo produced.\n");
    });
}
