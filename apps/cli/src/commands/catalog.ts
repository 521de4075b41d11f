import type { Command } from "commander";
import {
  type DataSourceSpec,
  type EntitySpec,
  type FeatureServiceSpec,
  type FeatureViewSpec,
  formatTtl,
  type ObjectKind,
  type OnDemandFeatureViewSpec,
} from "@pantry/core/shared";
import { withStore } from "../context";
import { formatTags, printJson, printTable } from "../output";

interface ListOptions {
  tags?: string[];
  project?: string;
  json?: boolean;
}

interface KindCommand<K extends ObjectKind> {
  command: string;
  kind: K;
  label: string;
  headers: string[];
  row: (spec: Extract<import("@pantry/core").RegistryObjectSpec, { kind: K }>) => string[];
  /** Views have a lifecycle (active, deprecated, retired): shown as a STATUS column. */
  lifecycle?: boolean;
}

const entityCommand: KindCommand<"entity"> = {
  command: "entities",
  kind: "entity",
  label: "entity",
  headers: ["NAME", "JOIN KEY", "TYPE", "DESCRIPTION", "OWNER"],
  row: (e: EntitySpec) => [e.name, e.joinKeys.join(","), e.valueType ?? "(unset)", e.description, e.owner],
};
const dataSourceCommand: KindCommand<"dataSource"> = {
  command: "data-sources",
  kind: "dataSource",
  label: "data source",
  headers: ["NAME", "TYPE", "LOCATION", "TIMESTAMP FIELD"],
  row: (s: DataSourceSpec) => [
    s.name,
    s.type,
    s.type === "file"
      ? s.path
      : s.type === "postgres"
        ? (s.table ?? s.query ?? "")
        : s.type === "push"
          ? `batch: ${s.batchSource ?? "-"}`
          : "request",
    s.timestampField,
  ],
};
const featureViewCommand: KindCommand<"featureView"> = {
  command: "feature-views",
  kind: "featureView",
  label: "feature view",
  headers: ["NAME", "ENTITIES", "TYPE", "TTL", "FEATURES"],
  lifecycle: true,
  row: (v: FeatureViewSpec) => [
    v.name,
    v.entities.join(", ") || "(none)",
    "FeatureView",
    formatTtl(v.ttlSeconds),
    String(v.schema.length),
  ],
};
const odfvCommand: KindCommand<"onDemandFeatureView"> = {
  command: "on-demand-feature-views",
  kind: "onDemandFeatureView",
  label: "on-demand feature view",
  headers: ["NAME", "SOURCES", "FEATURES"],
  lifecycle: true,
  row: (v: OnDemandFeatureViewSpec) => [v.name, v.sources.map((s) => s.name).join(", "), String(v.schema.length)],
};
const serviceCommand: KindCommand<"featureService"> = {
  command: "feature-services",
  kind: "featureService",
  label: "feature service",
  headers: ["NAME", "FEATURES", "VIEWS", "OWNER"],
  row: (s: FeatureServiceSpec) => [
    s.name,
    String(s.projections.reduce((n, p) => n + p.features.length, 0)),
    s.projections.map((p) => (p.alias ? `${p.view} as ${p.alias}` : p.view)).join(", "),
    s.owner,
  ],
};

function listFlags(command: Command): Command {
  return command
    .option("--tags <key:value...>", "only objects with all these tags")
    .option("--project <name>", "list another project of the same registry")
    .option("--json", "print JSON (an array of objects)");
}

function registerKind<K extends ObjectKind>(program: Command, spec: KindCommand<K>): void {
  const plural = spec.command.replaceAll("-", " ");
  const group = program.command(spec.command).description(`list and describe ${plural}`);
  listFlags(group.command("list").description(`list ${plural}`)).action(
    async (options: ListOptions, command: Command) => {
      await withStore(command, async (store) => {
        const { listObjects, parseTagFilters } = await import("@pantry/core");
        const objects = await listObjects(await store.registry(), {
          project: options.project ?? store.project,
          kind: spec.kind,
          tags: parseTagFilters(options.tags ?? []),
        });
        if (options.json)
          printJson(
            objects.map((o) => ({
              ...o.spec,
              origin: o.meta.origin,
              version: o.meta.version,
              lifecycle: o.meta.lifecycle,
            })),
          );
        else if (spec.lifecycle)
          printTable(
            [...spec.headers, "STATUS"],
            objects.map((o) => [...spec.row(o.spec), o.meta.lifecycle]),
          );
        else
          printTable(
            spec.headers,
            objects.map((o) => spec.row(o.spec)),
          );
      });
    },
  );
  group
    .command("describe <name>")
    .description(`show one ${spec.label} in full`)
    .option("--project <name>", "look in another project of the same registry")
    .action(async (name: string, options: { project?: string }, command: Command) => {
      await withStore(command, async (store) => {
        const { getObjectOrThrow } = await import("@pantry/core");
        const found = await getObjectOrThrow(await store.registry(), {
          project: options.project ?? store.project,
          kind: spec.kind,
          name,
          label: spec.label,
        });
        printJson({
          ...found.spec,
          meta: {
            origin: found.meta.origin,
            version: found.meta.version,
            lifecycle: found.meta.lifecycle,
            createdAt: found.meta.createdAt,
            updatedAt: found.meta.updatedAt,
          },
        });
      });
    });
}

/** The `feature-views` / `on-demand-feature-views` group registered above, for commands that add verbs to it. */
export function catalogGroup(program: Command, kind: "featureView" | "onDemandFeatureView" | "featureService"): Command {
  const name = (kind === "featureView" ? featureViewCommand : kind === "featureService" ? serviceCommand : odfvCommand).command;
  const group = program.commands.find((c) => c.name() === name);
  if (!group) throw new Error(`register the catalog commands before adding verbs to '${name}'`);
  return group;
}

export function registerCatalogCommands(program: Command): void {
  for (const spec of [entityCommand, dataSourceCommand, featureViewCommand, odfvCommand, serviceCommand]) {
    registerKind(program, spec as KindCommand<ObjectKind>);
  }

  const projects = program.command("projects").description("list the projects of the registry");
  projects
    .command("list")
    .option("--tags <key:value...>", "only projects with all these tags")
    .option("--json", "print JSON")
    .action(async (options: ListOptions, command: Command) => {
      await withStore(command, async (store) => {
        const registry = await store.registry();
        const { parseTagFilters } = await import("@pantry/core");
        const filter = parseTagFilters(options.tags ?? []);
        const all = (await registry.listProjects()).filter((p) =>
          Object.entries(filter).every(([k, v]) => p.tags[k] === v),
        );
        if (options.json) printJson(all);
        else
          printTable(
            ["NAME", "DESCRIPTION", "OWNER", "TAGS"],
            all.map((p) => [p.name, p.description, p.owner, formatTags(p.tags)]),
          );
      });
    });

  const features = program.command("features").description("list features across feature views");
  listFlags(features.command("list").description("list every feature with its view and type")).action(
    async (options: ListOptions, command: Command) => {
      await withStore(command, async (store) => {
        const registry = await store.registry();
        const project = options.project ?? store.project;
        const { listObjects, parseTagFilters } = await import("@pantry/core");
        const tags = parseTagFilters(options.tags ?? []);
        const views = [
          ...(await listObjects(registry, { project, kind: "featureView" })),
          ...(await listObjects(registry, { project, kind: "onDemandFeatureView" })),
        ];
        const rows = views.flatMap((v) =>
          v.spec.schema
            .filter((f) => Object.entries(tags).every(([k, val]) => (f.tags[k] ?? v.spec.tags[k]) === val))
            .map((f) => ({
              name: f.name,
              featureView: v.spec.name,
              dtype: f.dtype,
              description: f.description,
              tags: f.tags,
            })),
        );
        if (options.json) printJson(rows);
        else
          printTable(
            ["NAME", "FEATURE VIEW", "DTYPE", "DESCRIPTION"],
            rows.map((r) => [r.name, r.featureView, r.dtype, r.description]),
          );
      });
    },
  );

  program
    .command("registry-dump")
    .description("print the whole project as JSON")
    .option("--project <name>", "dump another project of the same registry")
    .action(async (options: { project?: string }, command: Command) => {
      await withStore(command, async (store) => {
        const registry = await store.registry();
        const project = options.project ?? store.project;
        await registry.getProjectOrThrow(project);
        const contents = await registry.getContents(project);
        const intervals = await registry.listIntervals(project);
        printJson({ ...contents, materializationIntervals: intervals });
      });
    });
}
