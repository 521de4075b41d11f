/**
 * `pantry`: Feast's verbs over Pantry's engine. Parses arguments, calls the engine, prints.
 * No business logic here.
 */
import { Command } from "commander";
import { reportAndExit } from "./errors";
import { registerApplyCommands } from "./commands/apply";
import { register as registerAuthCommands } from "./commands/auth";
import { registerCatalogCommands } from "./commands/catalog";
import { registerInitCommand } from "./commands/init";
import { register as registerGovernanceCommands } from "./commands/governance";
import { register as registerLifecycleCommands } from "./commands/lifecycle";
import { registerImportFeastCommand } from "./commands/import-feast";
import { registerConvertFeastRepoCommand } from "./commands/convert-feast-repo";
import { register as registerHistoricalCommand } from "./commands/get-historical-features";
import { register as registerMaterializeCommands } from "./commands/materialize";
import { register as registerModelCommands } from "./commands/models";
import { register as registerSavedDatasetCommands } from "./commands/saved-datasets";
import { register as registerScheduleCommands } from "./commands/schedules";
import { register as registerServeCommand } from "./commands/serve";
import { register as registerUiCommand } from "./commands/ui";
import { register as registerWorkerCommand } from "./commands/worker";

import { VERSION } from "./version";

const program = new Command()
  .name("pantry")
  .description("Pantry feature store: define, register, retrieve and serve ML features")
  .option("-c, --chdir <repo>", "run as if started in this feature repo folder")
  .option("-f, --feature-store-yaml <file>", "use this feature_store.yaml instead of <repo>/feature_store.yaml")
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

program
  .command("version")
  .description("print the Pantry version")
  .action(() => {
    process.stdout.write(`Pantry CLI version ${VERSION}\n`);
  });

registerInitCommand(program);
registerApplyCommands(program);
registerCatalogCommands(program);
registerLifecycleCommands(program); // adds verbs to the catalog's view groups
registerGovernanceCommands(program); // features, feature services, notices, audit
registerImportFeastCommand(program);
registerConvertFeastRepoCommand(program);
registerHistoricalCommand(program);
registerMaterializeCommands(program);
registerSavedDatasetCommands(program);
registerModelCommands(program);
registerScheduleCommands(program);
registerServeCommand(program);
registerWorkerCommand(program);
registerUiCommand(program);
registerAuthCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  reportAndExit(error);
}
