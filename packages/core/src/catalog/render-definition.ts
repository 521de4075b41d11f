/**
 * A registry object rendered as the TypeScript a user would write in a feature repo with
 * `@pantry/sdk`: the console's "definition" tab, and a way to move a console-made object into
 * code. Objects it refers to (a view's entities and source, a service's views) are rendered
 * before it when they are given, so the snippet runs on its own.
 */
import type {
  DataSourceSpec,
  EntitySpec,
  FeatureServiceSpec,
  FeatureViewSpec,
  FieldSpec,
  OnDemandFeatureViewSpec,
  ProjectionSpec,
  RegistryObjectSpec,
  RepoContents,
  Tags,
} from "../definitions/types";
import { objectsOf } from "../definitions/types";
import { formatTtl } from "../definitions/ttl";

const SDK_CLASS: Record<string, string> = {
  entity: "Entity",
  file: "FileSource",
  postgres: "PostgresSource",
  request: "RequestSource",
  push: "PushSource",
  featureView: "FeatureView",
  onDemandFeatureView: "OnDemandFeatureView",
  featureService: "FeatureService",
};

export interface RenderOptions {
  /** Objects the spec refers to; those found are rendered first (recursively). */
  related?: RegistryObjectSpec[];
}

export function renderDefinitionAsTypeScript(spec: RegistryObjectSpec, options: RenderOptions = {}): string {
  const ordered = withDependencies(spec, options.related ?? []);
  const classes = [...new Set(ordered.map(classOf))].sort();
  const views = new Map(
    (options.related ?? []).flatMap((r) =>
      r.kind === "featureView" || r.kind === "onDemandFeatureView" ? [[r.name, r] as const] : [],
    ),
  );
  const context: RenderContext = { view: (name) => views.get(name), ref: variableNames(ordered) };
  const blocks = ordered.map((s) => renderOne(s, context));
  return `import { ${classes.join(", ")} } from "@pantry/sdk";\n\n${blocks.join("\n\n")}\n`;
}

export interface RenderRepoOptions {
  /** A comment put first (without the comment markers). */
  header?: string;
  /** On-demand view name -> module whose default export is its transform ("./transforms/x"). */
  transformModules?: Map<string, string>;
}

/**
 * A whole repo as one feature_definitions.ts (`pantry convert-feast-repo`): every object once,
 * each after the objects it refers to. Python transformations become `feastPythonTransform(...)`
 * stubs that keep the Python text (so the spec, and the plan, stay the same) and throw
 * "port this transform" if called.
 */
export function renderRepoAsTypeScript(contents: RepoContents, options: RenderRepoOptions = {}): string {
  const all = objectsOf(contents);
  const ordered: RegistryObjectSpec[] = [];
  const seen = new Set<string>();
  for (const spec of all) {
    for (const s of withDependencies(spec, all)) {
      const key = `${s.kind}:${s.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ordered.push(s);
    }
  }
  const views = new Map(
    all.flatMap((r) => (r.kind === "featureView" || r.kind === "onDemandFeatureView" ? [[r.name, r] as const] : [])),
  );
  const modules = options.transformModules ?? new Map<string, string>();
  const imports: string[] = [];
  // The Python text goes in a constant at column 0: inside the call it would be re-indented.
  const pythonTexts = new Map<string, string>();
  const context: RenderContext = {
    view: (name) => views.get(name),
    ref: variableNames(ordered),
    transform: (spec) => {
      const module = modules.get(spec.name);
      if (module) {
        const local = `${variableName(spec.name)}Transform`;
        imports.push(`import ${local} from ${str(module)};`);
        return local;
      }
      if (spec.transformation?.language === "python") {
        const constant = `${variableName(spec.name)}Python`;
        pythonTexts.set(
          spec.name,
          `/** The Python transformation, as Feast's repo wrote it: port it to TypeScript to serve this view. */\nconst ${constant} = ${templateLiteral(spec.transformation.code)};`,
        );
        return `feastPythonTransform(${str(spec.name)}, ${str(spec.mode)}, ${constant})`;
      }
      return null;
    },
  };
  const blocks = ordered.map((s) => {
    const block = renderOne(s, context);
    const python = pythonTexts.get(s.kind === "onDemandFeatureView" ? s.name : "");
    return python && s.kind === "onDemandFeatureView" ? `${python}\n\n${block}` : block;
  });
  const classes = [...new Set(ordered.map(classOf))];
  if (
    ordered.some(
      (s) => s.kind === "onDemandFeatureView" && s.transformation?.language === "python" && !modules.has(s.name),
    )
  ) {
    classes.push("feastPythonTransform");
  }
  const header = options.header
    ? `/**\n${options.header
        .split("\n")
        .map((l) => ` *${l ? ` ${l}` : ""}`)
        .join("\n")}\n */\n`
    : "";
  const importLines = [`import { ${classes.sort().join(", ")} } from "@pantry/sdk";`, ...imports].join("\n");
  return `${header}${importLines}\n\n${blocks.join("\n\n")}\n`;
}

/** A template literal holding `text` as is (Python source reads better on its own lines). */
function templateLiteral(text: string): string {
  return `\`${text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${")}\``;
}

/** camelCase variable names, as the example repos use (driver_hourly_stats -> driverHourlyStats). */
export function variableName(name: string): string {
  const camel = name.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""));
  const safe = /^[A-Za-z_$]/.test(camel) ? camel : `_${camel}`;
  return RESERVED.has(safe) ? `${safe}Object` : safe;
}

const RESERVED = new Set([
  "default",
  "class",
  "function",
  "new",
  "delete",
  "import",
  "export",
  "return",
  "this",
  "var",
  "let",
  "const",
]);

function classOf(spec: RegistryObjectSpec): string {
  return SDK_CLASS[spec.kind === "dataSource" ? spec.type : spec.kind] ?? "Entity";
}

function withDependencies(spec: RegistryObjectSpec, related: RegistryObjectSpec[]): RegistryObjectSpec[] {
  const find = (kinds: RegistryObjectSpec["kind"][], name: string) =>
    related.find((r) => kinds.includes(r.kind) && r.name === name);
  const ordered: RegistryObjectSpec[] = [];
  const seen = new Set<string>();
  const visit = (s: RegistryObjectSpec) => {
    const key = `${s.kind}:${s.name}`;
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of dependenciesOf(s)) {
      const found = find(dep.kinds, dep.name);
      if (found) visit(found);
    }
    ordered.push(s);
  };
  visit(spec);
  return ordered;
}

function dependenciesOf(spec: RegistryObjectSpec): { kinds: RegistryObjectSpec["kind"][]; name: string }[] {
  switch (spec.kind) {
    case "featureView":
      return [
        ...spec.entities.map((name) => ({ kinds: ["entity" as const], name })),
        { kinds: ["dataSource"], name: spec.source },
      ];
    case "onDemandFeatureView":
      return spec.sources.map((s) => ({
        kinds: s.type === "request" ? ["dataSource"] : ["featureView"],
        name: s.name,
      }));
    case "featureService":
      return spec.projections.map((p) => ({ kinds: ["featureView", "onDemandFeatureView"], name: p.view }));
    case "dataSource":
      return spec.type === "push" && spec.batchSource ? [{ kinds: ["dataSource"], name: spec.batchSource }] : [];
    default:
      return [];
  }
}

type Prop = [key: string, value: string] | null;

interface RenderContext {
  view: (name: string) => FeatureViewSpec | OnDemandFeatureViewSpec | undefined;
  /** The variable that holds an object: one name per object, even when an entity and a view share a name. */
  ref: (kind: RegistryObjectSpec["kind"], name: string) => string;
  /** The transform property of an on-demand view, when the caller renders it its own way. */
  transform?: (spec: OnDemandFeatureViewSpec) => string | null;
}

const KIND_SUFFIX: Record<RegistryObjectSpec["kind"], string> = {
  entity: "Entity",
  dataSource: "Source",
  featureView: "View",
  onDemandFeatureView: "OnDemandView",
  featureService: "Service",
};

function variableNames(specs: RegistryObjectSpec[]): RenderContext["ref"] {
  const byObject = new Map<string, string>();
  const used = new Set<string>();
  for (const spec of specs) {
    let candidate = variableName(spec.name);
    if (used.has(candidate)) candidate = `${candidate}${KIND_SUFFIX[spec.kind]}`;
    for (let n = 2; used.has(candidate); n++) candidate = `${variableName(spec.name)}${KIND_SUFFIX[spec.kind]}${n}`;
    used.add(candidate);
    byObject.set(`${spec.kind}:${spec.name}`, candidate);
  }
  return (kind, name) => byObject.get(`${kind}:${name}`) ?? variableName(name);
}

function renderOne(spec: RegistryObjectSpec, ctx: RenderContext): string {
  const props = propsOf(spec, ctx).filter((p): p is [string, string] => p !== null);
  const body = props.map(([key, value]) => `  ${key}: ${indent(value)},`).join("\n");
  const comment =
    spec.kind === "onDemandFeatureView" && spec.transformation?.language === "python" && !ctx.transform
      ? "// Imported from a Feast registry: its transformation is Python and cannot run here; rewrite it in TypeScript.\n"
      : "";
  return `${comment}export const ${ctx.ref(spec.kind, spec.name)} = new ${classOf(spec)}({\n${body}\n});`;
}

function indent(value: string): string {
  return value.replace(/\n/g, "\n  ");
}

function common(spec: RegistryObjectSpec): Prop[] {
  return [
    spec.description ? ["description", str(spec.description)] : null,
    spec.owner ? ["owner", str(spec.owner)] : null,
    Object.keys(spec.tags).length ? ["tags", tags(spec.tags)] : null,
  ];
}

function propsOf(spec: RegistryObjectSpec, ctx: RenderContext): Prop[] {
  switch (spec.kind) {
    case "entity":
      return entityProps(spec);
    case "dataSource":
      return sourceProps(spec, ctx);
    case "featureView":
      return viewProps(spec, ctx);
    case "onDemandFeatureView":
      return odfvProps(spec, ctx);
    case "featureService":
      return serviceProps(spec, ctx);
  }
}

function entityProps(spec: EntitySpec): Prop[] {
  return [
    ["name", str(spec.name)],
    ["joinKeys", list(spec.joinKeys.map(str))],
    spec.valueType ? ["valueType", str(spec.valueType)] : null,
    ...common(spec),
  ];
}

function sourceProps(spec: DataSourceSpec, ctx: RenderContext): Prop[] {
  const batch: Prop[] = [
    spec.timestampField && spec.timestampField !== "event_timestamp"
      ? ["timestampField", str(spec.timestampField)]
      : null,
    spec.createdTimestampColumn ? ["createdTimestampColumn", str(spec.createdTimestampColumn)] : null,
    Object.keys(spec.fieldMapping).length ? ["fieldMapping", tags(spec.fieldMapping)] : null,
  ];
  switch (spec.type) {
    case "file": {
      const inferred = spec.path.toLowerCase().endsWith(".csv") ? "csv" : "parquet";
      return [
        ["name", str(spec.name)],
        ["path", str(spec.path)],
        spec.format !== inferred ? ["format", str(spec.format)] : null,
        ...batch,
        ...common(spec),
      ];
    }
    case "postgres":
      return [
        ["name", str(spec.name)],
        spec.table ? ["table", str(spec.table)] : null,
        spec.query ? ["query", str(spec.query)] : null,
        ...batch,
        ...common(spec),
      ];
    case "request":
      return [["name", str(spec.name)], ["schema", fields(spec.schema)], ...common(spec)];
    case "push":
      return [
        ["name", str(spec.name)],
        spec.batchSource ? ["batchSource", ctx.ref("dataSource", spec.batchSource)] : null,
        ...common(spec),
      ];
  }
}

function viewProps(spec: FeatureViewSpec, ctx: RenderContext): Prop[] {
  return [
    ["name", str(spec.name)],
    spec.entities.length ? ["entities", list(spec.entities.map((e) => ctx.ref("entity", e)))] : null,
    ["schema", fields([...spec.entityColumns, ...spec.schema])],
    ["source", ctx.ref("dataSource", spec.source)],
    spec.ttlSeconds > 0 ? ["ttl", str(formatTtl(spec.ttlSeconds))] : null,
    spec.online ? null : ["online", "false"],
    spec.onValidationFailure === "warn" ? ["onValidationFailure", str("warn")] : null,
    spec.offline ? null : ["offline", "false"],
    ...common(spec),
  ];
}

function odfvProps(spec: OnDemandFeatureViewSpec, ctx: RenderContext): Prop[] {
  const sources = spec.sources.map((s) =>
    s.type === "request"
      ? ctx.ref("dataSource", s.name)
      : s.features
        ? `${ctx.ref("featureView", s.name)}.select(${list(s.features.map(str))})`
        : ctx.ref("featureView", s.name),
  );
  const transform =
    ctx.transform?.(spec) ??
    (spec.transformation?.language === "typescript"
      ? dedent(spec.transformation.code)
      : `() => {\n  throw new Error(${str(`${spec.name}: the Python transformation of the Feast registry must be rewritten in TypeScript`)});\n}`);
  return [
    ["name", str(spec.name)],
    ["sources", list(sources)],
    ["schema", fields(spec.schema)],
    ["transform", transform],
    ...common(spec),
  ];
}

function serviceProps(spec: FeatureServiceSpec, ctx: RenderContext): Prop[] {
  const features = spec.projections.map((p) => projection(p, ctx));
  return [["name", str(spec.name)], ["features", list(features)], ...common(spec)];
}

/** The view variable with only the calls the projection needs; select() unless it takes the whole view. */
function projection(p: ProjectionSpec, ctx: RenderContext): string {
  const view = ctx.view(p.view);
  let code = ctx.ref(view?.kind ?? "featureView", p.view);
  const wholeView = view !== undefined && view.schema.map((f) => f.name).join() === p.features.join();
  if (!wholeView) code += `.select(${list(p.features.map(str))})`;
  if (p.alias) code += `.withName(${str(p.alias)})`;
  if (Object.keys(p.joinKeyMap).length) code += `.withJoinKeyMap(${tags(p.joinKeyMap)})`;
  return code;
}

function fields(list_: FieldSpec[]): string {
  return list(
    list_.map((f) => {
      const parts = [`name: ${str(f.name)}`, `dtype: ${str(f.dtype)}`];
      if (f.description) parts.push(`description: ${str(f.description)}`);
      if (Object.keys(f.tags).length) parts.push(`tags: ${tags(f.tags)}`);
      if (f.validation) parts.push(`validation: ${JSON.stringify(f.validation).replace(/"(\w+)":/g, "$1: ")}`);
      return `{ ${parts.join(", ")} }`;
    }),
  );
}

function str(value: string): string {
  return JSON.stringify(value);
}

function key(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : str(name);
}

function tags(values: Tags): string {
  const entries = Object.entries(values).map(([k, v]) => `${key(k)}: ${str(v)}`);
  return entries.length ? `{ ${entries.join(", ")} }` : "{}";
}

/** One line when short, else one item per line. */
function list(items: string[]): string {
  const inline = `[${items.join(", ")}]`;
  if (inline.length <= 80 && !inline.includes("\n")) return inline;
  return `[\n${items.map((i) => `  ${indent(i)},`).join("\n")}\n]`;
}

/** Function.toString() keeps the source's indentation after the first line; re-base it on zero. */
function dedent(code: string): string {
  const [first = "", ...rest] = code.split("\n");
  const indents = rest.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)?.[0].length ?? 0);
  const closing = rest.length ? (/^\s*/.exec(rest[rest.length - 1] ?? "")?.[0].length ?? 0) : 0;
  // The closing brace sits one level left of the body: shift so it lands at column 0.
  const shift = Math.min(closing, ...indents);
  return [first, ...rest.map((l) => l.slice(Math.min(shift, /^\s*/.exec(l)?.[0].length ?? 0)))].join("\n");
}
