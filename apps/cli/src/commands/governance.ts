/**
 * Governance verbs beyond views: `pantry features deprecate|retire|reactivate <view:feature>`,
 * `pantry feature-services deprecate|retire|reactivate|drift`, `pantry notices list|ack` and
 * `pantry audit list`. Parsing and printing only; the rules are in the engine.
 */
import type { Command } from "commander";
import type {
  AuditEntry,
  DeprecationNoticeEntry,
  GovernedImpact,
  GovernedKind,
  GovernedTransition,
} from "@pantry/core";
import { PantryError } from "@pantry/core/shared";
import { withStore } from "../context";
import { color, printJson, printTable } from "../output";
import { catalogGroup } from "./catalog";

interface Options {
  project?: string;
  json?: boolean;
  days?: string;
  reason?: string;
  replacement?: string;
  sunset?: string;
  force?: boolean;
}

const VERBS = [
  {
    name: "deprecate",
    description: "mark it deprecated: still served, with a warning and Deprecation/Sunset headers",
    options: (c: Command, what: string) =>
      c
        .option("--reason <text>", "why, required (consumers see it in warnings)")
        .option("--replacement <name>", `the ${what} to use instead`)
        .option("--sunset <date>", "when serving stops (ISO 8601, UTC without an offset)"),
  },
  {
    name: "retire",
    description: "stop serving it (requests fail with 410, naming the replacement); deprecate it first",
    options: (c: Command, what: string) =>
      c
        .option("--force", "retire an active one without the deprecation period")
        .option("--replacement <name>", `the ${what} to use instead (default: the one the deprecation named)`),
  },
  {
    name: "reactivate",
    description: "undo a deprecation or retirement: serve it again without warnings",
    options: (c: Command) => c,
  },
] as const;

export function register(program: Command): void {
  const features = program.commands.find((c) => c.name() === "features");
  if (!features) throw new Error("register the catalog commands before the governance verbs");
  for (const verb of VERBS) registerVerb(features, "feature", verb);
  const services = catalogGroup(program, "featureService");
  for (const verb of VERBS) registerVerb(services, "featureService", verb);
  registerDrift(services);
  registerNotices(program);
  registerAudit(program);
}

function registerVerb(group: Command, kind: GovernedKind, verb: (typeof VERBS)[number]): void {
  const what = kind === "feature" ? "feature (view:feature)" : "feature service";
  verb
    .options(
      group.command(`${verb.name} <${kind === "feature" ? "view:feature" : "name"}>`).description(verb.description),
      what,
    )
    .option("--project <name>", "act on another project of the same registry")
    .option("--days <n>", "how far back to look for consumers", "30")
    .option("--json", "print JSON: the impact and the transition")
    .action(async (name: string, options: Options, command: Command) => {
      await withStore(command, async (store) => {
        const core = await import("@pantry/core");
        const registry = await store.registry();
        const target = { project: options.project ?? store.project, kind, name, actor: core.currentActor() };
        const impact = await core.governedImpact(registry, { ...target, days: parseDays(options.days) });
        if (!options.json) printImpact(impact);
        const transition =
          verb.name === "deprecate"
            ? await core.deprecateGoverned(registry, {
                ...target,
                reason: options.reason ?? "",
                replacement: options.replacement,
                sunsetAt: options.sunset,
              })
            : verb.name === "retire"
              ? await core.retireGoverned(registry, {
                  ...target,
                  force: Boolean(options.force),
                  replacement: options.replacement,
                })
              : await core.reactivateGoverned(registry, target);
        if (options.json) printJson({ transition, impact });
        else printTransition(transition);
      });
    });
}

function printImpact(impact: GovernedImpact): void {
  const { status } = impact;
  process.stdout.write(`${color.bold(`Affected by a change of '${status.name}'`)} (now ${status.state}):\n\n`);
  printTable(
    ["FEATURE SERVICE", "VIA", "MODELS (TAGS)"],
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
  process.stdout.write("\n");
}

function printTransition({ from, status }: GovernedTransition): void {
  const details = [
    status.reason && `reason: ${status.reason}`,
    status.replacement && `replacement: ${status.replacement}`,
    status.sunsetAt && `sunset: ${status.sunsetAt.toISOString()}`,
  ].filter(Boolean);
  process.stdout.write(
    `${color.green("Done:")} '${status.name}' ${from} -> ${color.bold(status.state)}${details.length ? ` (${details.join("; ")})` : ""}\n`,
  );
}

function registerDrift(services: Command): void {
  services
    .command("drift [name]")
    .description("services whose views changed since the service was applied, with the changes")
    .option("--project <name>", "another project of the same registry")
    .option("--json", "print JSON")
    .action(async (name: string | undefined, options: Options, command: Command) => {
      await withStore(command, async (store) => {
        const { serviceDrift } = await import("@pantry/core");
        const drift = await serviceDrift(await store.registry(), {
          project: options.project ?? store.project,
          service: name,
        });
        if (name && drift.length === 0) {
          throw new PantryError(
            "NOT_FOUND",
            `feature service '${name}' is not in project '${options.project ?? store.project}'`,
          );
        }
        if (options.json) return printJson(drift);
        const shown = name ? drift : drift.filter((d) => d.changed.length > 0);
        if (shown.length === 0) process.stdout.write("Every service is built from its views' current versions.\n");
        for (const service of shown) {
          process.stdout.write(
            `${color.bold(service.service)}${service.recorded ? "" : " (versions not recorded: applied before they were)"}\n`,
          );
          for (const view of service.changed) {
            const now = view.current === null ? "deleted" : `v${view.current}`;
            process.stdout.write(`  ${view.view}: built from v${view.builtFrom}, now ${now}\n`);
            for (const change of view.changes) process.stdout.write(`    ${change.text}\n`);
          }
          if (service.changed.length === 0) process.stdout.write("  up to date\n");
        }
      });
    });
}

function registerNotices(program: Command): void {
  const notices = program
    .command("notices")
    .description("deprecation notices for the owners of affected services and models");
  notices
    .command("list")
    .description("open notices (not acknowledged yet)")
    .option("--all", "acknowledged ones too")
    .option("--owner <name>", "only notices addressed to this owner")
    .option("--project <name>", "another project of the same registry")
    .option("--json", "print JSON")
    .action(async (options: Options & { all?: boolean; owner?: string }, command: Command) => {
      await withStore(command, async (store) => {
        const { listNotices } = await import("@pantry/core");
        const rows = await listNotices(await store.registry(), {
          project: options.project ?? store.project,
          status: options.all ? "all" : "open",
          owner: options.owner,
        });
        if (options.json) return printJson(rows);
        printTable(["ID", "TARGET", "STATE", "AFFECTS", "OWNER", "ACKNOWLEDGED"], rows.map(noticeRow));
      });
    });
  notices
    .command("ack <id>")
    .description("acknowledge a notice (as the current user)")
    .option("--project <name>", "another project of the same registry")
    .option("--json", "print JSON")
    .action(async (id: string, options: Options, command: Command) => {
      await withStore(command, async (store) => {
        const { acknowledgeNotice, currentActor } = await import("@pantry/core");
        const notice = await acknowledgeNotice(await store.registry(), {
          project: options.project ?? store.project,
          id,
          actor: currentActor(),
        });
        if (options.json) return printJson(notice);
        process.stdout.write(
          `${color.green("Acknowledged:")} ${notice.subject} knows '${notice.target}' is ${notice.state}\n`,
        );
      });
    });
}

function noticeRow(n: DeprecationNoticeEntry): string[] {
  return [
    n.id,
    `${n.target}${n.replacement ? ` -> ${n.replacement}` : ""}`,
    n.state,
    `${n.subjectKind === "model" ? "model" : "service"} ${n.subject}`,
    n.owner || "-",
    n.acknowledgedBy ? `${n.acknowledgedBy} ${n.acknowledgedAt?.toISOString().slice(0, 16)}Z` : "-",
  ];
}

function registerAudit(program: Command): void {
  const audit = program.command("audit").description("the registry's audit log");
  audit
    .command("list")
    .description("entries newest first")
    .option("--since <when>", "from this time (2026-11-01, 2026-11-01T10:00:00Z) or this long ago (24h, 7d)")
    .option("--until <when>", "before this time or this long ago")
    .option("--actor <name>", "only this actor")
    .option("--action <name>", "only this action (apply, deprecate, retire, acknowledge, ...)")
    .option("--object <name>", "only this object: a name, or kind:name (featureView:driver_stats)")
    .option("--limit <n>", "at most this many entries", "100")
    .option("--all-projects", "every project of the registry")
    .option("--project <name>", "another project of the same registry")
    .option("--json", "print JSON")
    .action(
      async (
        options: Options & {
          since?: string;
          until?: string;
          actor?: string;
          action?: string;
          object?: string;
          limit?: string;
          allProjects?: boolean;
        },
        command: Command,
      ) => {
        const limit = Number(options.limit ?? "100");
        if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
          throw new PantryError(
            "INVALID_ARGUMENT",
            `--limit '${options.limit}' must be a whole number from 1 to 10000`,
          );
        }
        await withStore(command, async (store) => {
          const { listRegistryAudit, parseAuditFilter } = await import("@pantry/core");
          const filter = parseAuditFilter(options);
          const page = await listRegistryAudit(await store.registry(), {
            project: options.allProjects ? undefined : (options.project ?? store.project),
            limit,
            filter,
          });
          if (options.json) return printJson(page.items);
          printTable(["TIME", "ACTOR", "ACTION", "OBJECT", "SUMMARY"], page.items.map(auditRow));
          if (page.nextCursor)
            process.stdout.write(color.dim(`(more entries: raise --limit or narrow with --since)\n`));
        });
      },
    );
}

function auditRow(e: AuditEntry): string[] {
  return [
    `${e.createdAt.toISOString().slice(0, 19)}Z`,
    e.actor,
    e.action,
    e.name ? `${e.kind ? `${e.kind}:` : ""}${e.name}` : "-",
    e.summary.replace(/\s+/g, " "),
  ];
}

function parseDays(text = "30"): number {
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1) {
    throw new PantryError("INVALID_ARGUMENT", `--days '${text}' is not a whole number of days; give one like 30`);
  }
  return days;
}
