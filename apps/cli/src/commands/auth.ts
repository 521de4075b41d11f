/** `pantry auth add-user <name> --role viewer|editor|admin`: a new token, printed once; only its hash is kept. */
import { resolve } from "node:path";
import type { Command } from "commander";
import { isRole, PantryError, ROLES } from "@pantry/core/shared";
import type { GlobalOptions } from "../context";
import { color } from "../output";

export function register(program: Command): void {
  const auth = program.command("auth").description("users and tokens of auth: {type: token} (see docs/DESIGN.md)");
  auth
    .command("add-user <name>")
    .description("create (or replace) a user's token; the token is printed once, its sha256 hash is stored")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .action(async (name: string, options: { role: string }, command: Command) => {
      if (!isRole(options.role)) {
        throw new PantryError("INVALID_ARGUMENT", `--role '${options.role}' must be one of ${ROLES.join(", ")}`);
      }
      const { addRepoUser } = await import("@pantry/core");
      const config = await repoConfig(command);
      const result = addRepoUser(config, name, options.role);
      const verb = result.replaced ? "Replaced the token of" : "Added";
      process.stdout.write(`${verb} ${options.role} '${name}' in ${result.file}\n`);
      process.stdout.write(`Token (shown once, keep it secret): ${result.token}\n`);
      process.stdout.write("Send it as: Authorization: Bearer <token>, or paste it on the console's sign-in page\n");
      if (!result.active) {
        process.stderr.write(
          `${color.yellow("Note:")} this repo has no token auth yet; add to feature_store.yaml:\nauth:\n  type: token\n  tokens_file: users.yaml\n`,
        );
      }
    });
  auth
    .command("remove-user <name>")
    .description("remove a user: their token stops working at once, in the console and the feature server")
    .action(async (name: string, _options: unknown, command: Command) => {
      const { removeRepoUser } = await import("@pantry/core");
      const { file } = removeRepoUser(await repoConfig(command), name);
      process.stdout.write(`Removed '${name}' from ${file}; their token no longer works (console sessions included)\n`);
    });
}

async function repoConfig(command: Command) {
  const { loadRepoConfig } = await import("@pantry/core");
  const globals = command.optsWithGlobals<GlobalOptions>();
  const cwd = resolve(globals.chdir ?? process.cwd());
  return loadRepoConfig({
    repoPath: cwd,
    configPath: globals.featureStoreYaml ? resolve(cwd, globals.featureStoreYaml) : undefined,
  });
}
