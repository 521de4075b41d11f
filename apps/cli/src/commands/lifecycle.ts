/**
 * `pantry feature-views deprecate|retire|reactivate <name>` (and the same under
 * `on-demand-feature-views`): the deprecation workflow. Each prints who is affected (services
 * that include the view, consumers that fetched it recently) and the view's state afterwards.
 */
import type { Command } from "commander";
import type {
  LifecycleImpact,
  LifecycleTarget,
  LifecycleTransition,
  LifecycleViewKind,
  Registry,
} from "@pantry/core";
import { PantryError } from "@pantry/core/shared";
import { withStore } from "../context";
import { color, printJson, printTable } from "../output";
import { catalogGroup } from "./catalog";

interface CommonOptions {
  project?: string;
  json?: boolean;
  days?: string;
}

type Transition = (
  registry: Registry,
  target: LifecycleTarget,
  options: Record<string, unknown>,
) => Promise<LifecycleTransition>;

interface Verb {
  name: string;
  description: string;
  options: (command: Command) => Command;
  run: Transition;
}

const VERBS: Verb[] = [
  {
    name: "deprecate",
    description: "mark it deprecated: still served, with a warning and Deprecation/Sunset headers",
    options: (c) =>
      c
        .option("--reason <text>", "why, required (consumers see it in warnings)")
        .option("--replacement <view>", "the view to use instead")
        .option("--sunset <date>", "when serving stops (ISO 8601, UTC without an offset)"),
    run: async (registry, target, o) =>
      (await import("@pantry/core")).deprecateView(registry, {
        ...target,
        reason: String(o.reason ?? ""),
        replacement: o.replacement as string | undefined,
        sunsetAt: o.sunset as string | undefined,
      }),
  },
  {
    name: "retire",
    description: "stop serving it (requests fail, naming the replacement); deprecate it first",
    options: (c) =>
      c
        .option("--force", "retire an active view without the deprecation period")
        .option("--replacement <view>", "the view to use instead (default: the one the deprecation named)"),
    run: async (registry, target, o) =>
      (await import("@pantry/core")).retireView(registry, { ...target, force: Boolean(o.force), replacement: o.replacement as string | undefined }),
  },
  {
    name: "reactivate",
    description: "undo a deprecation or retirement: serve it again without warnings",
    options: (c) => c,
    run: async (registry, target) => (await import("@pantry/core")).reactivateView(registry, target),
  },
];

export function register(program: Command): void {
  for (const kind of ["featureView", "onDemandFeatureView"] as const) {
    const group = catalogGroup(program, kind);
    for (const verb of VERBS) registerVerb(group, kind, verb);
  }
}

function registerVerb(group: Command, kind: LifecycleViewKind, verb: Verb): void {
  verb
    .options(group.command(`${verb.name} <name>`).description(verb.description))
    .option("--project <name>", "act on another project of the same registry")
    .option("--days <n>", "how far back to look for consumers", "30")
    .option("--json", "print JSON: the impact and the transition")
    .action(async (name: string, options: CommonOptions & Record<string, unknown>, command: Command) => {
      await withStore(command, async (store) => {
        const registry = await store.registry();
        const { currentActor, lifecycleImpact } = await import("@pantry/core");
        const target = { project: options.project ?? store.project, view: name, kind, actor: currentActor() };
        const impact = await lifecycleImpact(registry, { ...target, days: parseDays(options.days) });
        if (!options.json) printImpact(impact);
        const transition = await verb.run(registry, target, options);
        if (options.json) printJson({ transition, impact });
        else printTransition(transition);
      });
    });
}

function printImpact(impact: LifecycleImpact): void {
  const { status } = impact;
  process.stdout.write(`${color.bold(`Affected by a change of '${status.view}'`)} (now ${status.state}):\n\n`);
  printTable(
    ["FEATURE SERVICE", "VIA", "CONSUMERS (TAGS)"],
    impact.services.map((s) => [s.name, s.via, s.consumers.join(", ") || "-"]),
  );
  process.stdout.write(`\nConsumers seen in the last ${impact.days} days:\n`);
  printTable(
    ["CONSUMER", "REQUESTS", "LAST SEEN", "FEATURES"],
    impact.consumers.map((c) => [
      c.consumer,
      c.requests.toLocaleString("en-US"),
      `${c.lastSeen.toISOString().slice(0, 16)}Z`,
      c.features.join(", "),
    ]),
  );
  if (impact.onDemandViews.length)
    process.stdout.write(`\nOn-demand views reading it: ${impact.onDemandViews.join(", ")}\n`);
  process.stdout.write("\n");
}

function printTransition({ from, status }: LifecycleTransition): void {
  const details = [
    status.reason && `reason: ${status.reason}`,
    status.replacement && `replacement: ${status.replacement}`,
    status.sunsetAt && `sunset: ${status.sunsetAt.toISOString()}`,
  ].filter(Boolean);
  process.stdout.write(
    `${color.green("Done:")} '${status.view}' ${from} -> ${color.bold(status.state)}${details.length ? ` (${details.join("; ")})` : ""}\n`,
  );
}

function parseDays(text = "30"): number {
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1) {
    throw new PantryError("INVALID_ARGUMENT", `--days '${text}' is not a whole number of days; give one like 30`);
  }
  return days;
}
