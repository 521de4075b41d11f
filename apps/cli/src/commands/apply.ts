import type { Command } from "commander";
import type { Plan, SpecChange } from "@pantry/core";
import { withStore } from "../context";
import { color, printJson } from "../output";

const SYMBOL = { create: "+", update: "~", delete: "-", unchanged: " ", keep: "=" } as const;
const KIND_LABEL = {
  entity: "Entity",
  dataSource: "DataSource",
  featureView: "FeatureView",
  onDemandFeatureView: "OnDemandFeatureView",
  featureService: "FeatureService",
} as const;

export function printPlan(
  plan: Plan,
  formatChange: (change: SpecChange) => string,
  options: { verbose?: boolean } = {},
): void {
  const out: string[] = [];
  for (const item of plan.items) {
    if (item.action === "unchanged" && !options.verbose) continue;
    const paint = { create: color.green, update: color.yellow, delete: color.red, unchanged: color.dim, keep: color.dim }[item.action];
    const flag = item.destructive ? color.red(" [destructive]") : "";
    out.push(paint(`${SYMBOL[item.action]} ${KIND_LABEL[item.kind]} ${item.name}${item.action === "keep" ? " (kept)" : ""}`) + flag);
    for (const change of item.changes) out.push(`      ${formatChange(change)}`);
    for (const note of item.notes) out.push(`      ${item.destructive ? color.red("!") : "·"} ${note}`);
    if (item.affectedServices.length) out.push(`      affects feature services: ${item.affectedServices.join(", ")}`);
  }
  const { create, update, delete: deleted, unchanged } = plan.counts;
  if (!plan.hasChanges) out.push(`No changes to project '${plan.project}': the registry matches the repo (${unchanged} objects).`);
  else out.push(`Plan for project '${plan.project}': ${create} to create, ${update} to change, ${deleted} to delete, ${unchanged} unchanged.`);
  process.stdout.write(`${out.join("\n")}\n`);
}

export function registerApplyCommands(program: Command): void {
  program
    .command("plan")
    .description("show what apply would change in the registry (destructive changes marked); writes nothing")
    .option("--json", "print the plan as JSON")
    .option("-v, --verbose", "also list unchanged objects")
    .action(async (options: { json?: boolean; verbose?: boolean }, command: Command) => {
      await withStore(command, async (store) => {
        const { plan } = await store.plan();
        if (options.json) printJson(plan);
        else printPlan(plan, (await import("@pantry/core")).formatChange, options);
      });
    });

  program
    .command("apply")
    .description("register the repo's definitions: create, update and delete objects to match the code")
    .action(async (_options: unknown, command: Command) => {
      await withStore(command, async (store) => {
        const registry = await store.registry();
        const { plan, applied, warnings } = await store.apply();
        printPlan(plan, (await import("@pantry/core")).formatChange);
        for (const warning of warnings) process.stderr.write(`Warning: ${warning}\n`);
        if (applied) process.stdout.write(color.green(`Applied to the registry at ${registry.describeLocation()}.\n`));
      });
    });

  program
    .command("teardown")
    .description("remove the project and everything registered in it")
    .action(async (_options: unknown, command: Command) => {
      await withStore(command, async (store) => {
        const removed = await store.teardown();
        process.stdout.write(
          removed ? `Project '${store.project}' was torn down.\n` : `Project '${store.project}' was not registered; nothing to tear down.\n`,
        );
      });
    });
}
