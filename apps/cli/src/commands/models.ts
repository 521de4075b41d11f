/**
 * `pantry models list|describe <m>`: the consumers of the project's features (seen in usage or
 * named by a service's tags), what they read, how fresh and whether deprecated; and
 * `pantry feature-views stats <view>`: feature statistics computed by DuckDB over its source.
 */
import type { Command } from "commander";
import type { FeatureStatistics, ModelDetail, ModelSummary } from "@pantry/core";
import { withStore } from "../context";
import { catalogGroup } from "./catalog";
import { color, printJson, printTable } from "../output";

function timestamp(value: Date | null): string {
  return value ? `${value.toISOString().slice(0, 19)}Z` : "-";
}

function lag(ms: number | null): string {
  if (ms === null) return "-";
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  return hours < 72 ? `${hours}h` : `${Math.round(hours / 24)}d`;
}

function number(value: number | null, digits = 4): string {
  if (value === null) return "-";
  return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toPrecision(digits);
}

function attention(m: ModelSummary): string {
  const parts: string[] = [];
  if (m.staleViews.length > 0) parts.push(color.yellow(`stale: ${m.staleViews.join(", ")}`));
  if (m.deprecatedFeatures.length > 0) parts.push(color.red(`deprecated: ${m.deprecatedFeatures.length}`));
  return parts.join("; ") || color.green("ok");
}

function printModel(m: ModelDetail): void {
  const lines = [
    `Model:     ${color.bold(m.name)} (project ${m.project}; known from ${m.via.join(" and ")})`,
    `Owners:    ${m.owners.join(", ") || "-"}`,
    `Services:  ${m.servicesUsed.map((s) => `${s.name} [${s.views.map((v) => `${v.view} v${v.version ?? "?"}`).join(", ")}]`).join("; ") || "-"}`,
    `Requests:  ${m.metrics.totals.requests.toLocaleString("en-US")} in ${m.metrics.range} (entity rows ${m.metrics.totals.entityRows.toLocaleString("en-US")}, errors ${m.metrics.totals.errors.toLocaleString("en-US")}, p50 ${m.metrics.totals.p50Ms ?? "-"} ms, p99 ${m.metrics.totals.p99Ms ?? "-"} ms)`,
    `Attention: ${attention(m)}`,
    "",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  printTable(
    ["FEATURE", "VIA", "FRESHNESS", "LAG", "LIFECYCLE", "SUNSET"],
    m.featuresRead.map((f) => [
      f.ref,
      f.via.join("+"),
      f.freshness.state,
      lag(f.freshness.lagMs),
      f.lifecycle.state === "active" ? "active" : color.red(f.lifecycle.state),
      f.lifecycle.sunsetAt ? timestamp(f.lifecycle.sunsetAt) : "-",
    ]),
  );
  if (m.drift) {
    process.stdout.write(`\nDrift against saved dataset '${m.drift.dataset}' (${m.drift.flagged} flagged):\n`);
    printTable(
      ["FEATURE", "METRIC", "VALUE", "THRESHOLD", "FLAGGED"],
      m.drift.items.map((d) => [
        `${d.view}:${d.feature}`,
        d.metric,
        number(d.value),
        String(d.threshold),
        d.flagged ? color.red("yes") : "no",
      ]),
    );
  }
}

function printStatistics(stats: FeatureStatistics[]): void {
  printTable(
    ["FEATURE", "DTYPE", "ROWS", "NULL %", "DISTINCT", "MIN", "MAX", "MEAN", "STDDEV", "TOP VALUES", "NEWEST EVENT"],
    stats.map((s) => [
      s.feature,
      s.dtype,
      s.rowCount.toLocaleString("en-US"),
      (s.nullRatio * 100).toFixed(2),
      `${s.distinctApprox ? "~" : ""}${s.distinctCount.toLocaleString("en-US")}`,
      number(s.min),
      number(s.max),
      number(s.mean),
      number(s.stddev),
      s.topValues
        .slice(0, 3)
        .map((v) => `${v.value} (${v.count})`)
        .join(", ") || "-",
      timestamp(s.newestEventTs),
    ]),
  );
}

export function register(program: Command): void {
  const group = program
    .command("models")
    .description("the models reading this project's features: services, freshness, deprecations, usage, drift");

  group
    .command("list")
    .description(
      "list the models (consumers seen in usage or named by a service's tags), those needing attention first",
    )
    .option("--json", "print JSON (an array of models)")
    .action(async (options: { json?: boolean }, command: Command) => {
      await withStore(command, async (store) => {
        const models = await store.models();
        if (options.json) return printJson(models);
        printTable(
          ["MODEL", "VIA", "SERVICES", "FEATURES", "REQUESTS (30d)", "LAST SEEN", "ATTENTION"],
          models.map((m) => [
            m.name,
            m.via.join("+"),
            m.services.join(", ") || "-",
            String(m.features),
            m.requests.toLocaleString("en-US"),
            timestamp(m.lastSeen),
            attention(m),
          ]),
        );
      });
    });

  group
    .command("describe <model>")
    .description("one model: its services, every feature it reads with freshness and lifecycle, usage, drift")
    .option("--range <range>", "usage range: 24h, 7d or 30d", "7d")
    .option("--dataset <name>", "compare with this saved dataset (default: the model's newest)")
    .option("--json", "print JSON")
    .action(async (model: string, options: { range: string; dataset?: string; json?: boolean }, command: Command) => {
      await withStore(command, async (store) => {
        const { parseUsageRange } = await import("@pantry/core");
        const detail = await store.describeModel(model, {
          range: parseUsageRange(options.range),
          dataset: options.dataset ?? null,
        });
        if (options.json) printJson(detail);
        else printModel(detail);
      });
    });

  catalogGroup(program, "featureView")
    .command("stats <view>")
    .description(
      "compute the statistics of a view's features with DuckDB over its source and keep them in the registry",
    )
    .option("--start <timestamp>", "only rows with an event time at or after this (ISO 8601, UTC)")
    .option("--end <timestamp>", "only rows with an event time at or before this")
    .option("--json", "print JSON (an array of per-feature statistics)")
    .action(async (view: string, options: { start?: string; end?: string; json?: boolean }, command: Command) => {
      await withStore(command, async (store) => {
        const { parseTimestampArgument } = await import("@pantry/core");
        const stats = await store.computeStatistics(view, {
          start: options.start ? parseTimestampArgument(options.start, "--start") : null,
          end: options.end ? parseTimestampArgument(options.end, "--end") : null,
        });
        if (options.json) printJson(stats);
        else printStatistics(stats);
      });
    });
}
