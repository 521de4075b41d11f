/**
 * Evaluates the declarative subset of Python that Feast repos are written in, over a syntax tree
 * (./parse): imports from feast, feast.types, feast.value_type, datetime (and os, pathlib);
 * module-level assignments; Feast constructor calls whose arguments are literals, lists, dicts,
 * timedelta(...), string concatenation, f-strings, earlier names, `view[["a", "b"]]`,
 * `.with_name(...)`, `.with_join_key_map(...)`, `Path(__file__).parent / "x"` and `os.path.join`.
 * Nothing is executed: anything outside the subset is a problem naming the file, the line and the
 * construct, with the TypeScript way to write it. Every problem of every file is reported at once.
 */
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type {
  DataSourceSpec,
  Dtype,
  EntitySpec,
  FeatureServiceSpec,
  FeatureViewSpec,
  FieldSpec,
  OnDemandFeatureViewSpec,
  OnDemandSourceSpec,
  ProjectionSpec,
  RegistryObjectSpec,
  ScalarDtype,
  Tags,
} from "../../definitions/types";
import type { SyntaxNode } from "./parse";

/** Where a definition is written: the file (relative to the repo), its first line and its text. */
export interface PythonDefinitionSource {
  file: string;
  line: number;
  code: string;
}

export interface PythonObject {
  spec: RegistryObjectSpec;
  source: PythonDefinitionSource;
}

export interface PythonFile {
  /** Relative to the repo folder. */
  file: string;
  text: string;
  root: SyntaxNode;
}

export interface EvaluatedPythonRepo {
  objects: PythonObject[];
  problems: string[];
}

// ---------------------------------------------------------------- values

/** A Feast object built by a constructor; `deps` are the objects it refers to (registered with it). */
class Def {
  constructor(
    readonly spec: RegistryObjectSpec,
    readonly deps: Def[],
    public source: PythonDefinitionSource,
    /** Feature names, for views; join keys, for entities. */
    readonly names: string[] = [],
  ) {}
}
class Projection {
  constructor(
    readonly view: Def,
    readonly features: string[] | null,
    readonly alias: string | null,
    readonly joinKeyMap: Record<string, string>,
  ) {}
}
class PyDict {
  constructor(readonly entries: [PyValue, PyValue][]) {}
}
class Timedelta {
  constructor(readonly seconds: number) {}
}
class PyPath {
  constructor(readonly path: string) {}
}
class DtypeValue {
  constructor(readonly dtype: Dtype) {}
}
class ValueTypeMember {
  constructor(
    readonly name: string,
    readonly dtype: ScalarDtype | null,
  ) {}
}
class FileFormat {
  constructor(readonly format: "parquet" | "csv") {}
}
/** A known name that is not a value: a module, a constructor or a helper function. */
class Known {
  constructor(readonly qualified: string) {}
}
/** A value a failed statement would have made: its uses are not reported again. */
class Poisoned {}

type PyValue =
  | string
  | number
  | boolean
  | null
  | PyValue[]
  | PyDict
  | Timedelta
  | PyPath
  | DtypeValue
  | ValueTypeMember
  | FileFormat
  | Known
  | Def
  | Projection
  | FieldValue
  | Poisoned;

/** A problem at a node: file, line, what, and how to write it instead. */
class Problem extends Error {
  constructor(
    readonly node: SyntaxNode,
    message: string,
  ) {
    super(message);
  }
}
/** Thrown when an expression meets a Poisoned value: the real problem was reported already. */
class AlreadyReported extends Error {}

// ---------------------------------------------------------------- known names

const SCALARS: Record<string, ScalarDtype> = {
  Int32: "Int32",
  Int64: "Int64",
  Float32: "Float32",
  Float64: "Float64",
  String: "String",
  Bytes: "Bytes",
  Bool: "Bool",
  UnixTimestamp: "UnixTimestamp",
  Json: "Json",
};

const VALUE_TYPES: Record<string, ScalarDtype | null> = {
  UNKNOWN: null,
  INVALID: null,
  INT32: "Int32",
  INT64: "Int64",
  FLOAT: "Float32",
  DOUBLE: "Float64",
  STRING: "String",
  BYTES: "Bytes",
  BOOL: "Bool",
  UNIX_TIMESTAMP: "UnixTimestamp",
  JSON: "Json",
};

/** Canonical names of what the subset knows, by every module path Feast exports it from. */
const CONSTRUCTORS: Record<string, string[]> = {
  Entity: ["feast.Entity", "feast.entity.Entity"],
  FileSource: ["feast.FileSource", "feast.infra.offline_stores.file_source.FileSource"],
  PostgreSQLSource: [
    "feast.infra.offline_stores.contrib.postgres_offline_store.postgres_source.PostgreSQLSource",
    "feast.PostgreSQLSource",
  ],
  PushSource: ["feast.PushSource", "feast.data_source.PushSource"],
  RequestSource: ["feast.RequestSource", "feast.data_source.RequestSource"],
  Field: ["feast.Field", "feast.field.Field"],
  FeatureView: ["feast.FeatureView", "feast.feature_view.FeatureView"],
  FeatureService: ["feast.FeatureService", "feast.feature_service.FeatureService"],
  on_demand_feature_view: ["feast.on_demand_feature_view", "feast.on_demand_feature_view.on_demand_feature_view"],
  ValueType: ["feast.ValueType", "feast.value_type.ValueType"],
  Array: ["feast.types.Array"],
  ParquetFormat: ["feast.data_format.ParquetFormat", "feast.ParquetFormat"],
  timedelta: ["datetime.timedelta"],
  Path: ["pathlib.Path"],
  "os.path.join": ["os.path.join"],
  "os.path.dirname": ["os.path.dirname"],
  "os.path.abspath": ["os.path.abspath"],
  "os.path.realpath": ["os.path.realpath"],
};
const CANONICAL = new Map<string, string>();
for (const [canonical, paths] of Object.entries(CONSTRUCTORS)) for (const p of paths) CANONICAL.set(p, canonical);
for (const name of Object.keys(SCALARS)) CANONICAL.set(`feast.types.${name}`, `type:${name}`);

/** Modules a Feast repo may import. pandas and numpy only serve on-demand bodies, which never run. */
const MODULES = new Set(["feast", "datetime", "pathlib", "os", "os.path", "pandas", "numpy", "typing"]);
const INERT_MODULES = new Set(["pandas", "numpy", "typing"]);

function isAllowedModule(name: string): boolean {
  const top = name.split(".")[0] ?? "";
  return MODULES.has(name) || top === "feast" || INERT_MODULES.has(top);
}

// ---------------------------------------------------------------- suggestions

const TS_HINT =
  "write this part in TypeScript instead (a feature_definitions.ts with @pantry/sdk can compute anything; `pantry convert-feast-repo` writes one from the parts Pantry can read)";

function outside(node: SyntaxNode, construct: string, suggestion = TS_HINT): Problem {
  return new Problem(
    node,
    `${construct} is outside the declarative subset Pantry reads from Feast repos (Python is never run); ${suggestion}`,
  );
}

const STATEMENT_NAMES: Record<string, string> = {
  for_statement: "a for loop",
  while_statement: "a while loop",
  if_statement: "an if statement",
  try_statement: "a try statement",
  with_statement: "a with statement (reading a file?)",
  class_definition: "a class definition",
  global_statement: "a global statement",
  nonlocal_statement: "a nonlocal statement",
  delete_statement: "a del statement",
  assert_statement: "an assert statement",
  raise_statement: "a raise statement",
  return_statement: "a return statement",
  exec_statement: "an exec statement",
  print_statement: "a print statement",
  match_statement: "a match statement",
  type_alias_statement: "a type alias",
};

const EXPRESSION_NAMES: Record<string, string> = {
  list_comprehension: "a list comprehension",
  dictionary_comprehension: "a dict comprehension",
  set_comprehension: "a set comprehension",
  generator_expression: "a generator expression",
  lambda: "a lambda",
  conditional_expression: "a conditional expression (x if c else y)",
  boolean_operator: "a boolean operator (and/or)",
  comparison_operator: "a comparison",
  not_operator: "a not operator",
  await: "an await",
  set: "a set",
  named_expression: "an assignment expression (:=)",
  list_splat: "a * unpacking",
  dictionary_splat: "a ** unpacking",
  slice: "a slice",
  ellipsis: "an ellipsis",
};

const TS_EQUIVALENT: Record<string, string> = {
  for_statement: "in TypeScript, build the objects in a loop: `for (const day of [1, 7]) views.push(new FeatureView({...}))` and export them",
  while_statement: "in TypeScript, build the objects in a loop and export them",
  if_statement: "in TypeScript, choose the value with `const x = cond ? a : b` (e.g. from process.env)",
  try_statement: "in TypeScript, try/catch around the code that computes the value",
  with_statement: "in TypeScript, read the file with fs.readFileSync and build the definitions from it",
  class_definition: "in TypeScript, a class or a function can build the definitions",
  list_comprehension: "write the list out, or in TypeScript use `names.map((n) => ({ name: n, dtype: \"Float32\" }))`",
  dictionary_comprehension: "write the dict out, or in TypeScript use Object.fromEntries(...)",
  lambda: "in TypeScript, an arrow function `(x) => ...`",
  conditional_expression: "in TypeScript, `cond ? a : b`",
};

// ---------------------------------------------------------------- the evaluator

interface Scope {
  file: PythonFile;
  repoPath: string;
  names: Map<string, PyValue>;
  /** Objects bound at module level, in order (what Feast's repo scan registers). */
  bound: Def[];
  problems: string[];
  transforms: Map<string, string>;
}

export function evaluatePythonRepo(
  repoPath: string,
  files: PythonFile[],
  /** On-demand view name -> the source text of a TypeScript transform given beside it. */
  transforms: Map<string, string> = new Map(),
): EvaluatedPythonRepo {
  const problems: string[] = [];
  const bound: Def[] = [];
  for (const file of files) {
    const scope: Scope = { file, repoPath, names: new Map(), bound, problems, transforms };
    for (const statement of file.root.namedChildren) {
      if (!statement) continue;
      try {
        runStatement(scope, statement);
      } catch (error) {
        if (error instanceof AlreadyReported) continue;
        if (error instanceof Problem) {
          problems.push(`${file.file}:${error.node.startPosition.row + 1}: ${error.message}`);
          for (const name of assignedNames(statement)) scope.names.set(name, new Poisoned());
          continue;
        }
        throw error;
      }
    }
  }
  return { objects: collect(bound), problems };
}

/** Every object bound at module level and everything it refers to, each once, referenced first. */
function collect(bound: Def[]): PythonObject[] {
  const seen = new Set<Def>();
  const out: PythonObject[] = [];
  const visit = (def: Def) => {
    if (seen.has(def)) return;
    seen.add(def);
    out.push({ spec: def.spec, source: def.source });
    def.deps.forEach(visit);
  };
  bound.forEach(visit);
  return out;
}

function assignedNames(statement: SyntaxNode): string[] {
  if (statement.type === "decorated_definition") {
    const name = statement.childForFieldName("definition")?.childForFieldName("name")?.text;
    return name ? [name] : [];
  }
  const assignment = statement.type === "expression_statement" ? statement.namedChildren[0] : null;
  if (assignment?.type === "assignment") {
    const left = assignment.childForFieldName("left");
    if (left?.type === "identifier") return [left.text];
  }
  return [];
}

function runStatement(scope: Scope, node: SyntaxNode): void {
  switch (node.type) {
    case "comment":
    case "pass_statement":
    case "future_import_statement":
      return;
    case "import_statement":
      return runImport(scope, node);
    case "import_from_statement":
      return runImportFrom(scope, node);
    case "expression_statement":
      return runExpressionStatement(scope, node);
    case "decorated_definition":
      return runDecorated(scope, node);
    case "function_definition":
      // Defining a function runs nothing (Feast's import would not call it either).
      scope.names.set(node.childForFieldName("name")?.text ?? "", new Known("function"));
      return;
    case "if_statement":
      if (isMainGuard(node)) return; // `if __name__ == "__main__":` does not run on import
      throw outside(node, "an if statement", TS_EQUIVALENT.if_statement);
    default:
      throw outside(node, STATEMENT_NAMES[node.type] ?? `a '${node.type.replace(/_/g, " ")}'`, TS_EQUIVALENT[node.type]);
  }
}

function isMainGuard(node: SyntaxNode): boolean {
  const condition = node.childForFieldName("condition")?.text.replace(/\s+/g, "").replace(/'/g, '"');
  return condition === '__name__=="__main__"' && node.childForFieldName("alternative") === null;
}

function runImport(scope: Scope, node: SyntaxNode): void {
  for (const item of node.namedChildren) {
    if (!item) continue;
    const dotted = item.type === "aliased_import" ? item.childForFieldName("name") : item;
    const alias = item.type === "aliased_import" ? item.childForFieldName("alias")?.text : null;
    const moduleName = dotted?.text ?? "";
    if (!isAllowedModule(moduleName)) throw importProblem(item, moduleName);
    if (alias) scope.names.set(alias, new Known(moduleName));
    else scope.names.set(moduleName.split(".")[0] ?? moduleName, new Known(moduleName.split(".")[0] ?? moduleName));
  }
}

function importProblem(node: SyntaxNode, moduleName: string): Problem {
  return outside(
    node,
    `importing '${moduleName}'`,
    "a Feast repo Pantry reads imports only feast, datetime, pathlib and os (pandas and numpy for on-demand bodies); compute the value and write it as a literal, or write this part in TypeScript",
  );
}

function runImportFrom(scope: Scope, node: SyntaxNode): void {
  const moduleNode = node.childForFieldName("module_name");
  const moduleName = moduleNode?.text ?? "";
  if (moduleNode?.type === "relative_import" || !isAllowedModule(moduleName)) throw importProblem(node, moduleName);
  if (node.namedChildren.some((c) => c?.type === "wildcard_import")) {
    throw outside(node, `'from ${moduleName} import *'`, `name what you use: from ${moduleName} import Entity, FeatureView, ...`);
  }
  for (const item of node.childrenForFieldName("name")) {
    if (!item) continue;
    const dotted = item.type === "aliased_import" ? item.childForFieldName("name") : item;
    const alias = item.type === "aliased_import" ? item.childForFieldName("alias")?.text : null;
    const name = dotted?.text ?? "";
    scope.names.set(alias ?? name, new Known(`${moduleName}.${name}`));
  }
}

function runExpressionStatement(scope: Scope, node: SyntaxNode): void {
  const inner = node.namedChildren[0];
  if (!inner) return;
  if (inner.type === "string" || inner.type === "concatenated_string") return; // a docstring
  if (inner.type === "assignment") {
    const left = inner.childForFieldName("left");
    const right = inner.childForFieldName("right");
    if (!left || left.type !== "identifier") {
      throw outside(left ?? inner, `assigning to '${left?.text ?? "?"}'`, "assign each object to a plain name: `driver = Entity(...)`");
    }
    if (!right) return; // a bare annotation `x: int`
    if (right.type === "assignment") throw outside(right, "a chained assignment", "assign one name per statement");
    const value = evaluate(scope, right);
    const name = left.text;
    if (value instanceof Def) {
      value.source = sourceOf(scope, node);
      scope.bound.push(value);
    }
    scope.names.set(name, value);
    return;
  }
  if (inner.type === "augmented_assignment") throw outside(inner, `'${inner.child(1)?.text ?? "+="}' (an augmented assignment)`, "write the final value in one assignment");
  // A bare expression: a Feast constructor call whose result is not kept registers nothing in Feast.
  const value = evaluate(scope, inner);
  if (value instanceof Def) return;
}

function sourceOf(scope: Scope, node: SyntaxNode): PythonDefinitionSource {
  return { file: scope.file.file, line: node.startPosition.row + 1, code: node.text };
}

// ---------------------------------------------------------------- on-demand views

function runDecorated(scope: Scope, node: SyntaxNode): void {
  const definition = node.childForFieldName("definition");
  const decorators = node.namedChildren.filter((c): c is SyntaxNode => c?.type === "decorator");
  if (definition?.type !== "function_definition") {
    throw outside(node, "a decorated class", TS_EQUIVALENT.class_definition);
  }
  if (decorators.length !== 1) {
    throw outside(decorators[1] ?? node, "a function with several decorators", "keep only @on_demand_feature_view(...)");
  }
  const decorator = decorators[0] as SyntaxNode;
  const expression = decorator.namedChildren[0];
  const call = expression?.type === "call" ? expression : null;
  const callee = call ? evaluate(scope, call.childForFieldName("function") as SyntaxNode) : expression ? evaluate(scope, expression) : null;
  if (!(callee instanceof Known) || canonical(callee) !== "on_demand_feature_view") {
    throw outside(decorator, `the decorator '${decorator.text.split("\n")[0]}'`, "only @on_demand_feature_view(...) is read; other decorators mean code that must run, write it in TypeScript");
  }
  const name = definition.childForFieldName("name")?.text ?? "";
  const args = call ? argumentsOf(scope, call, "on_demand_feature_view") : { positional: [], keywords: new Map() };
  noPositional(args, call ?? decorator, "on_demand_feature_view");
  const kw = keywords(args, call ?? decorator, "@on_demand_feature_view", [
    "sources",
    "schema",
    "mode",
    "description",
    "tags",
    "owner",
    "name",
  ]);
  const sourcesValue = required(kw, "sources", call ?? decorator, "@on_demand_feature_view");
  const sources: OnDemandSourceSpec[] = [];
  const deps: Def[] = [];
  for (const [index, item] of listOf(sourcesValue, "@on_demand_feature_view sources", call ?? decorator).entries()) {
    const where = `@on_demand_feature_view sources[${index}]`;
    if (item instanceof Projection) {
      sources.push({ type: "featureView", name: item.view.spec.name, features: item.features ?? item.view.names });
      deps.push(item.view);
    } else if (item instanceof Def && item.spec.kind === "featureView") {
      // Feast stores a whole view as a projection listing every feature.
      sources.push({ type: "featureView", name: item.spec.name, features: [...item.names] });
      deps.push(item);
    } else if (item instanceof Def && item.spec.kind === "dataSource" && item.spec.type === "request") {
      sources.push({ type: "request", name: item.spec.name });
      deps.push(item);
    } else {
      throw new Problem(call ?? decorator, `${where} must be a FeatureView, a projection of one or a RequestSource (got ${describe(item)})`);
    }
  }
  const viewName = optionalString(kw, "name", call ?? decorator, "@on_demand_feature_view") ?? name;
  const code = node.text;
  const typescript = scope.transforms.get(viewName);
  const mode = optionalString(kw, "mode", call ?? decorator, "@on_demand_feature_view") ?? "pandas";
  const spec: OnDemandFeatureViewSpec = {
    kind: "onDemandFeatureView",
    ...commonOf(kw, call ?? decorator, "@on_demand_feature_view", viewName),
    sources,
    schema: fieldList(kw.get("schema") ?? [], "@on_demand_feature_view schema", call ?? decorator),
    transformation: typescript ? { language: "typescript", code: typescript } : { language: "python", code: `${code}\n` },
    mode: typescript ? "typescript" : mode,
  };
  const def = new Def(spec, deps, sourceOf(scope, node), spec.schema.map((f) => f.name));
  scope.bound.push(def);
  scope.names.set(name, def);
}

// ---------------------------------------------------------------- expressions

function evaluate(scope: Scope, node: SyntaxNode): PyValue {
  switch (node.type) {
    case "string":
      return stringValue(scope, node);
    case "concatenated_string":
      return node.namedChildren.map((c) => stringValue(scope, c as SyntaxNode)).join("");
    case "integer":
      return parseIntLiteral(node);
    case "float":
      return Number(node.text.replace(/_/g, ""));
    case "true":
      return true;
    case "false":
      return false;
    case "none":
      return null;
    case "parenthesized_expression":
      return evaluate(scope, node.namedChildren.find((c) => c?.type !== "comment") as SyntaxNode);
    case "list":
    case "tuple":
      return node.namedChildren.filter((c) => c && c.type !== "comment").map((c) => evaluate(scope, c as SyntaxNode));
    case "dictionary":
      return new PyDict(
        node.namedChildren
          .filter((c): c is SyntaxNode => Boolean(c) && c?.type !== "comment")
          .map((pair) => {
            if (pair.type !== "pair") throw outside(pair, EXPRESSION_NAMES[pair.type] ?? `'${pair.text}' in a dict`);
            return [
              evaluate(scope, pair.childForFieldName("key") as SyntaxNode),
              evaluate(scope, pair.childForFieldName("value") as SyntaxNode),
            ];
          }),
      );
    case "identifier":
      return lookup(scope, node);
    case "attribute":
      return attribute(scope, node);
    case "call":
      return call(scope, node);
    case "subscript":
      return subscript(scope, node);
    case "binary_operator":
      return binary(scope, node);
    case "unary_operator": {
      const value = evaluate(scope, node.childForFieldName("argument") as SyntaxNode);
      const op = node.childForFieldName("operator")?.text;
      if (typeof value === "number" && (op === "-" || op === "+")) return op === "-" ? -value : value;
      throw outside(node, `'${node.text}'`);
    }
    default:
      throw outside(node, EXPRESSION_NAMES[node.type] ?? `the expression '${short(node.text)}'`, TS_EQUIVALENT[node.type]);
  }
}

function short(text: string): string {
  const line = text.split("\n")[0] ?? "";
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

function parseIntLiteral(node: SyntaxNode): number {
  const text = node.text.replace(/_/g, "").toLowerCase();
  if (/^0[xob]/.test(text)) return Number(text);
  if (!/^\d+$/.test(text)) throw outside(node, `the number '${node.text}'`);
  return Number(text);
}

function lookup(scope: Scope, node: SyntaxNode): PyValue {
  const name = node.text;
  if (name === "__file__") return new PyPath(join(scope.repoPath, scope.file.file));
  const value = scope.names.get(name) ?? (name === "str" ? new Known("builtins.str") : undefined);
  if (value === undefined) {
    const builtin = BUILTIN_CALLS.has(name);
    throw new Problem(
      node,
      builtin
        ? `calling '${name}' is outside the declarative subset Pantry reads from Feast repos (Python is never run); ${name === "open" ? "reading a file while defining features needs code: write this part in TypeScript (fs.readFileSync)" : TS_HINT}`
        : `'${name}' is not defined before this line; define it earlier in the file (or import it from feast)`,
    );
  }
  if (value instanceof Poisoned) throw new AlreadyReported();
  return resolveKnown(value);
}

const BUILTIN_CALLS = new Set([
  "open",
  "print",
  "range",
  "len",
  "str",
  "int",
  "float",
  "dict",
  "list",
  "eval",
  "exec",
  "getattr",
  "setattr",
  "sorted",
  "zip",
  "map",
  "filter",
  "input",
  "__import__",
]);

function attribute(scope: Scope, node: SyntaxNode): PyValue {
  const objectNode = node.childForFieldName("object") as SyntaxNode;
  const name = node.childForFieldName("attribute")?.text ?? "";
  const object = evaluate(scope, objectNode);
  if (object instanceof Known) {
    const qualified = `${object.qualified}.${name}`;
    if (object.qualified === "feast.ValueType" || canonical(object) === "ValueType") {
      if (name in VALUE_TYPES) return new ValueTypeMember(name, VALUE_TYPES[name] ?? null);
      if (name.endsWith("_LIST") && (name.slice(0, -5) in VALUE_TYPES)) {
        throw new Problem(node, `ValueType.${name}: an entity's join key cannot be a list; use a scalar ValueType`);
      }
      throw new Problem(node, `ValueType.${name} is not a Feast value type Pantry knows (${Object.keys(VALUE_TYPES).join(", ")})`);
    }
    if (qualified === "os.environ" || qualified === "os.getenv" || qualified === "os.environ.get") {
      throw outside(node, `reading the environment (${qualified})`, "in TypeScript, read process.env.NAME; or write the value as a literal");
    }
    if (INERT_MODULES.has(object.qualified.split(".")[0] ?? "")) {
      throw outside(node, `'${node.text}' (${object.qualified.split(".")[0]} outside an on-demand body)`);
    }
    return resolveKnown(new Known(qualified));
  }
  if (object instanceof PyPath) {
    if (name === "parent") return new PyPath(resolve(object.path, ".."));
    if (name === "name") return object.path.split(sep).pop() ?? "";
    throw outside(node, `the path attribute '.${name}'`, "use Path(__file__).parent / \"data\" / \"file.parquet\"");
  }
  if (object instanceof Def || object instanceof Projection) {
    if (name === "with_name" || name === "with_join_key_map") return new Known(`method:${name}`);
    throw outside(node, `the attribute '.${name}' of a Feast object`, "refer to the object itself, or use view[[...]], .with_name(...) and .with_join_key_map(...)");
  }
  throw outside(node, `the attribute '${short(node.text)}'`);
}

function canonical(known: Known): string | undefined {
  return CANONICAL.get(known.qualified) ?? (known.qualified.startsWith("os.path.") ? CANONICAL.get(known.qualified) : undefined);
}

function subscript(scope: Scope, node: SyntaxNode): PyValue {
  const value = evaluate(scope, node.childForFieldName("value") as SyntaxNode);
  const indexes = node.childrenForFieldName("subscript").filter((c): c is SyntaxNode => Boolean(c));
  if ((value instanceof Def && (value.spec.kind === "featureView" || value.spec.kind === "onDemandFeatureView")) || value instanceof Projection) {
    const view = value instanceof Projection ? value.view : value;
    const index = indexes.length === 1 ? evaluate(scope, indexes[0] as SyntaxNode) : null;
    if (!Array.isArray(index) || index.some((f) => typeof f !== "string")) {
      throw new Problem(node, `a projection is written view[["feature_a", "feature_b"]]: a list of feature names (got '${short(node.text)}')`);
    }
    const features = index as string[];
    const unknown = features.filter((f) => !view.names.includes(f));
    if (unknown.length) {
      throw new Problem(node, `${view.spec.name} has no feature ${unknown.map((f) => `'${f}'`).join(", ")} (its features: ${view.names.join(", ")})`);
    }
    const base = value instanceof Projection ? value : new Projection(view, null, null, {});
    return new Projection(base.view, features, base.alias, base.joinKeyMap);
  }
  if (value instanceof Known && value.qualified.startsWith("typing.")) {
    throw outside(node, `the type annotation '${short(node.text)}'`);
  }
  throw outside(node, `indexing '${short(node.text)}'`, "only view[[\"a\", \"b\"]] projections are read");
}

function binary(scope: Scope, node: SyntaxNode): PyValue {
  const op = node.childForFieldName("operator")?.text;
  const left = evaluate(scope, node.childForFieldName("left") as SyntaxNode);
  const right = evaluate(scope, node.childForFieldName("right") as SyntaxNode);
  if (op === "+" && typeof left === "string" && typeof right === "string") return left + right;
  if (op === "/" && left instanceof PyPath && (typeof right === "string" || right instanceof PyPath)) {
    return new PyPath(joinPath(left.path, right instanceof PyPath ? right.path : right));
  }
  if (typeof left === "number" && typeof right === "number") {
    switch (op) {
      case "+":
        return left + right;
      case "-":
        return left - right;
      case "*":
        return left * right;
      case "/":
        return left / right;
      case "//":
        return Math.floor(left / right);
      default:
        break;
    }
  }
  if (op === "+" && left instanceof Timedelta && right instanceof Timedelta) return new Timedelta(left.seconds + right.seconds);
  if (op === "*" && left instanceof Timedelta && typeof right === "number") return new Timedelta(left.seconds * right);
  if (op === "*" && typeof left === "number" && right instanceof Timedelta) return new Timedelta(left * right.seconds);
  if (op === "+" && Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
  throw outside(node, `the operation '${short(node.text)}' (${describe(left)} ${op} ${describe(right)})`);
}

function joinPath(base: string, part: string): string {
  return isAbsolute(part) ? part : join(base, part);
}

// ---------------------------------------------------------------- strings

function stringValue(scope: Scope, node: SyntaxNode): string {
  if (node.type === "concatenated_string") return evaluate(scope, node) as string;
  const start = node.namedChildren.find((c) => c?.type === "string_start")?.text ?? node.text.slice(0, 1);
  const prefix = start.replace(/['"]+$/, "").toLowerCase();
  if (prefix.includes("b")) throw outside(node, "a bytes literal", "use a str");
  const raw = prefix.includes("r");
  const formatted = prefix.includes("f");
  let out = "";
  for (const child of node.namedChildren) {
    if (!child) continue;
    switch (child.type) {
      case "string_start":
      case "string_end":
        break;
      case "string_content":
        out += raw ? child.text : unescape(child.text, child);
        break;
      case "escape_sequence":
        out += raw ? child.text : unescape(child.text, child);
        break;
      case "escape_interpolation":
        out += child.text.slice(1);
        break;
      case "interpolation": {
        if (!formatted) break;
        if (child.childForFieldName("format_specifier") || child.childForFieldName("type_conversion")) {
          throw outside(child, `the f-string format '${child.text}'`, "write the formatted text as a literal");
        }
        const value = evaluate(scope, child.childForFieldName("expression") as SyntaxNode);
        if (typeof value === "string") out += value;
        else if (typeof value === "number" || typeof value === "boolean") out += pyString(value);
        else if (value instanceof PyPath) out += value.path;
        else throw new Problem(child, `an f-string may interpolate strings and numbers only (got ${describe(value)})`);
        break;
      }
      default:
        break;
    }
  }
  // Text between the named children (content nodes are not always emitted for plain text).
  if (!node.namedChildren.some((c) => c?.type === "string_content" || c?.type === "interpolation" || c?.type === "escape_sequence")) {
    const body = node.text.slice(start.length, node.text.length - (node.namedChildren.find((c) => c?.type === "string_end")?.text.length ?? 1));
    return raw ? body : unescape(body, node);
  }
  return out;
}

function pyString(value: number | boolean): string {
  if (typeof value === "boolean") return value ? "True" : "False";
  return Number.isInteger(value) ? String(value) : String(value);
}

function unescape(text: string, node: SyntaxNode): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[0-7]{1,3}|N\{[^}]*\}|\n|.)/g, (_, esc: string) => {
    switch (esc[0]) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      case "\\":
        return "\\";
      case "'":
        return "'";
      case '"':
        return '"';
      case "\n":
        return "";
      case "a":
        return "\x07";
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "v":
        return "\v";
      case "x":
      case "u":
      case "U":
        return String.fromCodePoint(Number.parseInt(esc.slice(1), 16));
      case "N":
        throw outside(node, `the escape '\\${esc}'`, "write the character itself");
      default:
        if (/^[0-7]+$/.test(esc)) return String.fromCodePoint(Number.parseInt(esc, 8));
        return `\\${esc}`;
    }
  });
}

// ---------------------------------------------------------------- calls

interface Args {
  positional: { node: SyntaxNode; value: PyValue }[];
  keywords: Map<string, { node: SyntaxNode; value: PyValue }>;
}

function argumentsOf(scope: Scope, node: SyntaxNode, callee: string): Args {
  const list = node.childForFieldName("arguments");
  const args: Args = { positional: [], keywords: new Map() };
  if (!list) return args;
  if (list.type !== "argument_list") throw outside(list, `calling ${callee} with a generator`);
  for (const arg of list.namedChildren) {
    if (!arg || arg.type === "comment") continue;
    if (arg.type === "keyword_argument") {
      const name = arg.childForFieldName("name")?.text ?? "";
      if (args.keywords.has(name)) throw new Problem(arg, `${callee}: the argument '${name}' is given twice`);
      args.keywords.set(name, { node: arg, value: evaluate(scope, arg.childForFieldName("value") as SyntaxNode) });
    } else if (arg.type === "list_splat" || arg.type === "dictionary_splat") {
      throw outside(arg, `${arg.type === "list_splat" ? "*" : "**"} unpacking in a call to ${callee}`, "pass each argument by name");
    } else {
      args.positional.push({ node: arg, value: evaluate(scope, arg) });
    }
  }
  return args;
}

function call(scope: Scope, node: SyntaxNode): PyValue {
  const functionNode = node.childForFieldName("function") as SyntaxNode;
  // Methods of Feast objects and paths.
  if (functionNode.type === "attribute") {
    const receiverNode = functionNode.childForFieldName("object") as SyntaxNode;
    const method = functionNode.childForFieldName("attribute")?.text ?? "";
    const receiver = evaluate(scope, receiverNode);
    if (receiver instanceof Def || receiver instanceof Projection) return projectionMethod(scope, node, receiver, method);
    if (receiver instanceof PyPath) {
      if (["resolve", "absolute"].includes(method) && !node.childForFieldName("arguments")?.namedChildren.length) {
        return new PyPath(resolve(receiver.path));
      }
      if (method === "joinpath") {
        const args = argumentsOf(scope, node, "joinpath");
        return new PyPath(args.positional.reduce((p, a) => joinPath(p, stringOf(a.value, "joinpath argument", a.node)), receiver.path));
      }
      if (["read_text", "read_bytes", "open", "exists", "glob", "iterdir"].includes(method)) {
        throw outside(node, `reading the file system (Path.${method})`, "reading files while defining features needs code: write this part in TypeScript (fs.readFileSync)");
      }
      throw outside(node, `the path method '.${method}()'`);
    }
  }
  const callee = evaluate(scope, functionNode);
  if (!(callee instanceof Known)) throw outside(node, `calling '${short(functionNode.text)}'`, `${describe(callee)} cannot be called; ${TS_HINT}`);
  const name = canonical(callee);
  const args = argumentsOf(scope, node, name ?? callee.qualified);
  switch (name) {
    case "Entity":
      return entity(scope, node, args);
    case "FileSource":
      return fileSource(scope, node, args);
    case "PostgreSQLSource":
      return postgresSource(scope, node, args);
    case "PushSource":
      return pushSource(scope, node, args);
    case "RequestSource":
      return requestSource(scope, node, args);
    case "Field":
      return field(node, args);
    case "FeatureView":
      return featureView(scope, node, args);
    case "FeatureService":
      return featureService(scope, node, args);
    case "Array": {
      const inner = args.positional[0]?.value;
      if (args.positional.length !== 1 || !(inner instanceof DtypeValue) || inner.dtype.startsWith("Array(")) {
        throw new Problem(node, `Array(...) takes one scalar feast.types type, e.g. Array(Float32)`);
      }
      return new DtypeValue(`Array(${inner.dtype})` as Dtype);
    }
    case "ParquetFormat":
      return new FileFormat("parquet");
    case "timedelta":
      return timedelta(node, args);
    case "Path": {
      if (args.positional.length === 0) return new PyPath(scope.repoPath);
      const parts = args.positional.map((a) => (a.value instanceof PyPath ? a.value.path : stringOf(a.value, "Path argument", a.node)));
      return new PyPath(parts.reduce((p, part) => joinPath(p, part), isAbsolute(parts[0] ?? "") ? "" : scope.repoPath));
    }
    case "os.path.join": {
      const parts = args.positional.map((a) => (a.value instanceof PyPath ? a.value.path : stringOf(a.value, "os.path.join argument", a.node)));
      const joined = parts.reduce((p, part) => (p === "" ? part : joinPath(p, part)), "");
      return parts.some((p) => isAbsolute(p)) ? new PyPath(joined) : joined;
    }
    case "os.path.dirname":
    case "os.path.abspath":
    case "os.path.realpath": {
      const value = args.positional[0]?.value;
      const path = value instanceof PyPath ? value.path : stringOf(value ?? null, `${name} argument`, node);
      const absolute = isAbsolute(path) ? path : resolve(scope.repoPath, path);
      return new PyPath(name === "os.path.dirname" ? resolve(absolute, "..") : absolute);
    }
    case undefined:
      if (callee.qualified === "builtins.str" && args.positional.length === 1 && args.keywords.size === 0) {
        const value = args.positional[0]?.value ?? null;
        // str(Path(__file__).parent / "data" / "x.parquet") stays a path, kept relative to the repo.
        if (typeof value === "string" || value instanceof PyPath) return value;
        if (typeof value === "number" || typeof value === "boolean") return pyString(value);
      }
      return unknownCall(node, functionNode, callee);
    case "on_demand_feature_view":
      throw outside(node, "calling on_demand_feature_view(...) directly", "use it as a decorator: @on_demand_feature_view(sources=[...], schema=[...])");
    default:
      return unknownCall(node, functionNode, callee);
  }
}

function unknownCall(node: SyntaxNode, functionNode: SyntaxNode, callee: Known): never {
  {
    {
      const shown = callee.qualified.startsWith("feast") ? callee.qualified.split(".").pop() : short(functionNode.text);
      const what = callee.qualified.startsWith("feast")
        ? `'${shown}' (${callee.qualified})`
        : callee.qualified === "function"
          ? `calling the function '${functionNode.text}'`
          : `calling '${short(functionNode.text)}'`;
      if (callee.qualified.startsWith("feast")) {
        throw new Problem(
          node,
          `${what} is not a Feast construct Pantry reads (it reads Entity, FileSource, PostgreSQLSource, PushSource, RequestSource, Field, FeatureView, FeatureService and @on_demand_feature_view); write this part in TypeScript with @pantry/sdk (FileSource, PostgresSource, PushSource, ...)`,
        );
      }
      throw outside(node, `${what}, which is not a Feast constructor,`, "compute the value and write it as a literal, or write this part in TypeScript where any code can run");
    }
  }
}

function projectionMethod(scope: Scope, node: SyntaxNode, receiver: Def | Projection, method: string): Projection {
  const view = receiver instanceof Projection ? receiver.view : receiver;
  if (view.spec.kind !== "featureView" && view.spec.kind !== "onDemandFeatureView") {
    throw outside(node, `'.${method}()' on ${describe(receiver)}`, "projections are of feature views");
  }
  const base = receiver instanceof Projection ? receiver : new Projection(view, null, null, {});
  const args = argumentsOf(scope, node, method);
  const value = args.positional[0]?.value ?? args.keywords.values().next().value?.value ?? null;
  if (method === "with_name") return new Projection(base.view, base.features, stringOf(value, "with_name(...)", node), base.joinKeyMap);
  if (method === "with_join_key_map") return new Projection(base.view, base.features, base.alias, stringMap(value, "with_join_key_map(...)", node));
  throw outside(node, `the method '.${method}()'`, "only view[[...]], .with_name(...) and .with_join_key_map(...) are read");
}

function timedelta(node: SyntaxNode, args: Args): Timedelta {
  const order = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"];
  const factor: Record<string, number> = {
    days: 86_400,
    seconds: 1,
    microseconds: 1e-6,
    milliseconds: 1e-3,
    minutes: 60,
    hours: 3600,
    weeks: 604_800,
  };
  let seconds = 0;
  args.positional.forEach((a, i) => {
    const unit = order[i];
    if (!unit) throw new Problem(a.node, "timedelta takes at most 7 positional arguments");
    seconds += numberOf(a.value, `timedelta ${unit}`, a.node) * (factor[unit] ?? 1);
  });
  for (const [unit, a] of args.keywords) {
    if (!(unit in factor)) throw new Problem(a.node, `timedelta has no argument '${unit}' (use ${order.join(", ")})`);
    seconds += numberOf(a.value, `timedelta ${unit}`, a.node) * (factor[unit] ?? 1);
  }
  return new Timedelta(seconds);
}

// ---------------------------------------------------------------- Feast constructors

type Keywords = Map<string, PyValue>;

function noPositional(args: Args, node: SyntaxNode, callee: string): void {
  const first = args.positional[0];
  if (first) throw new Problem(first.node, `${callee} takes keyword arguments only here (name=..., ...); '${short(first.node.text)}' has no name`);
}

function keywords(args: Args, node: SyntaxNode, callee: string, allowed: string[]): Keywords {
  const out: Keywords = new Map();
  for (const [name, arg] of args.keywords) {
    if (!allowed.includes(name)) {
      throw new Problem(arg.node, `${callee} has no argument '${name}' that Pantry reads (it reads ${allowed.join(", ")}); remove it, or write this definition in TypeScript`);
    }
    out.set(name, arg.value);
  }
  void node;
  return out;
}

function required(kw: Keywords, name: string, node: SyntaxNode, callee: string): PyValue {
  const value = kw.get(name);
  if (value === undefined || value === null) throw new Problem(node, `${callee} needs '${name}'`);
  return value;
}

function optionalString(kw: Keywords, name: string, node: SyntaxNode, callee: string): string | null {
  const value = kw.get(name);
  if (value === undefined || value === null) return null;
  return stringOf(value, `${callee} ${name}`, node);
}

function commonOf(kw: Keywords, node: SyntaxNode, callee: string, fallbackName?: string) {
  const name = optionalString(kw, "name", node, callee) ?? fallbackName;
  if (!name) throw new Problem(node, `${callee} needs 'name'`);
  const tags = kw.has("tags") && kw.get("tags") !== null ? stringMap(kw.get("tags") ?? null, `${callee} tags`, node) : {};
  const owner = optionalString(kw, "owner", node, callee) ?? "";
  return {
    name,
    description: optionalString(kw, "description", node, callee) ?? "",
    // As the Feast importer reads it: repos written before `owner` existed keep it as a tag.
    owner: owner || tags.owner || "",
    tags,
  };
}

const COMMON_ARGS = ["name", "description", "tags", "owner"];

function entity(_scope: Scope, node: SyntaxNode, args: Args): Def {
  noPositional(args, node, "Entity");
  const kw = keywords(args, node, "Entity", [...COMMON_ARGS, "join_keys", "join_key", "value_type"]);
  const base = commonOf(kw, node, "Entity");
  const joinKeys = kw.get("join_keys")
    ? listOf(kw.get("join_keys") ?? null, "Entity join_keys", node).map((k) => stringOf(k, "Entity join_keys", node))
    : kw.get("join_key")
      ? [stringOf(kw.get("join_key") ?? null, "Entity join_key", node)]
      : [base.name];
  const valueType = kw.get("value_type");
  if (valueType !== undefined && valueType !== null && !(valueType instanceof ValueTypeMember)) {
    throw new Problem(node, `Entity value_type must be a ValueType member such as ValueType.INT64 (got ${describe(valueType)})`);
  }
  const spec: EntitySpec = { kind: "entity", ...base, joinKeys, valueType: valueType instanceof ValueTypeMember ? valueType.dtype : null };
  return new Def(spec, [], placeholderSource(), joinKeys);
}

function placeholderSource(): PythonDefinitionSource {
  return { file: "", line: 0, code: "" };
}

const BATCH_ARGS = [...COMMON_ARGS, "timestamp_field", "created_timestamp_column", "field_mapping"];

function batchCommon(kw: Keywords, node: SyntaxNode, callee: string, fallbackName?: string) {
  return {
    kind: "dataSource" as const,
    ...commonOf(kw, node, callee, fallbackName),
    timestampField: optionalString(kw, "timestamp_field", node, callee) ?? "event_timestamp",
    createdTimestampColumn: optionalString(kw, "created_timestamp_column", node, callee) || null,
    fieldMapping: kw.get("field_mapping") ? stringMap(kw.get("field_mapping") ?? null, `${callee} field_mapping`, node) : {},
  };
}

function fileSource(scope: Scope, node: SyntaxNode, args: Args): Def {
  noPositional(args, node, "FileSource");
  const kw = keywords(args, node, "FileSource", [...BATCH_ARGS, "path", "file_format"]);
  const rawPath = required(kw, "path", node, "FileSource");
  const path = rawPath instanceof PyPath ? repoRelative(scope.repoPath, rawPath.path) : stringOf(rawPath, "FileSource path", node);
  const format = kw.get("file_format");
  if (format !== undefined && format !== null && !(format instanceof FileFormat)) {
    throw new Problem(node, `FileSource file_format must be ParquetFormat() (got ${describe(format)})`);
  }
  const spec: DataSourceSpec = {
    ...batchCommon(kw, node, "FileSource", path),
    type: "file",
    path,
    format: format instanceof FileFormat ? format.format : path.toLowerCase().endsWith(".csv") ? "csv" : "parquet",
  };
  return new Def(spec, [], placeholderSource());
}

/** Paths inside the repo are kept relative to it, as a TypeScript repo writes them. */
function repoRelative(repoPath: string, path: string): string {
  const rel = relative(repoPath, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : path;
}

function postgresSource(_scope: Scope, node: SyntaxNode, args: Args): Def {
  noPositional(args, node, "PostgreSQLSource");
  const kw = keywords(args, node, "PostgreSQLSource", [...BATCH_ARGS, "table", "query"]);
  const table = optionalString(kw, "table", node, "PostgreSQLSource");
  const query = optionalString(kw, "query", node, "PostgreSQLSource");
  if (!table && !query) throw new Problem(node, "PostgreSQLSource needs 'table' or 'query'");
  if (table && query) throw new Problem(node, "PostgreSQLSource takes 'table' or 'query', not both");
  const spec: DataSourceSpec = { ...batchCommon(kw, node, "PostgreSQLSource"), type: "postgres", table, query };
  return new Def(spec, [], placeholderSource());
}

function pushSource(_scope: Scope, node: SyntaxNode, args: Args): Def {
  noPositional(args, node, "PushSource");
  const kw = keywords(args, node, "PushSource", [...COMMON_ARGS, "batch_source"]);
  const batch = kw.get("batch_source");
  if (batch !== undefined && batch !== null && !(batch instanceof Def && batch.spec.kind === "dataSource" && (batch.spec.type === "file" || batch.spec.type === "postgres"))) {
    throw new Problem(node, `PushSource batch_source must be a FileSource or PostgreSQLSource (got ${describe(batch)})`);
  }
  const batchSpec = batch instanceof Def && batch.spec.kind === "dataSource" ? batch.spec : null;
  const spec: DataSourceSpec = {
    kind: "dataSource",
    ...commonOf(kw, node, "PushSource"),
    type: "push",
    timestampField: batchSpec?.timestampField ?? "event_timestamp",
    createdTimestampColumn: batchSpec?.createdTimestampColumn ?? null,
    fieldMapping: batchSpec ? { ...batchSpec.fieldMapping } : {},
    batchSource: batchSpec?.name ?? null,
  };
  return new Def(spec, batch instanceof Def ? [batch] : [], placeholderSource());
}

function requestSource(_scope: Scope, node: SyntaxNode, args: Args): Def {
  noPositional(args, node, "RequestSource");
  const kw = keywords(args, node, "RequestSource", [...COMMON_ARGS, "schema"]);
  const spec: DataSourceSpec = {
    kind: "dataSource",
    ...commonOf(kw, node, "RequestSource"),
    type: "request",
    timestampField: "",
    createdTimestampColumn: null,
    fieldMapping: {},
    schema: fieldList(required(kw, "schema", node, "RequestSource"), "RequestSource schema", node),
  };
  return new Def(spec, [], placeholderSource());
}

class FieldValue {
  constructor(readonly spec: FieldSpec) {}
}

function field(node: SyntaxNode, args: Args): PyValue {
  const kw = new Map([...args.keywords].map(([k, v]) => [k, v.value] as const));
  const [namePos, dtypePos, ...rest] = args.positional;
  if (rest.length) throw new Problem(rest[0]?.node ?? node, "Field takes name and dtype (then keyword arguments)");
  for (const key of kw.keys()) {
    if (!["name", "dtype", "description", "tags"].includes(key)) {
      throw new Problem(args.keywords.get(key)?.node ?? node, `Field has no argument '${key}' that Pantry reads (it reads name, dtype, description, tags)`);
    }
  }
  const name = stringOf(namePos?.value ?? kw.get("name") ?? null, "Field name", node);
  const dtype = dtypePos?.value ?? kw.get("dtype");
  if (!(dtype instanceof DtypeValue)) {
    throw new Problem(node, `Field '${name}': dtype must be a feast.types type (${Object.keys(SCALARS).join(", ")}, or Array(...) of one), got ${describe(dtype ?? null)}`);
  }
  return new FieldValue({
    name,
    dtype: dtype.dtype,
    description: (kw.get("description") as string | undefined) ? stringOf(kw.get("description") ?? null, "Field description", node) : "",
    tags: kw.get("tags") ? stringMap(kw.get("tags") ?? null, "Field tags", node) : {},
  });
}

function fieldList(value: PyValue, what: string, node: SyntaxNode): FieldSpec[] {
  return listOf(value, what, node).map((item, i) => {
    if (item instanceof FieldValue) return item.spec;
    throw new Problem(node, `${what}[${i}] must be a Field(name=..., dtype=...) (got ${describe(item)})`);
  });
}

function featureView(_scope: Scope, node: SyntaxNode, args: Args): Def {
  noPositional(args, node, "FeatureView");
  const kw = keywords(args, node, "FeatureView", [...COMMON_ARGS, "entities", "ttl", "schema", "source", "online", "offline"]);
  const base = commonOf(kw, node, "FeatureView");
  const entities = (kw.get("entities") ? listOf(kw.get("entities") ?? null, "FeatureView entities", node) : []).map((e, i) => {
    if (e instanceof Def && e.spec.kind === "entity") return e;
    throw new Problem(node, `FeatureView '${base.name}': entities[${i}] must be an Entity (got ${describe(e)})`);
  });
  const source = required(kw, "source", node, "FeatureView");
  if (!(source instanceof Def && source.spec.kind === "dataSource" && source.spec.type !== "request")) {
    throw new Problem(node, `FeatureView '${base.name}': source must be a FileSource, PostgreSQLSource or PushSource (got ${describe(source)})`);
  }
  if (!kw.has("schema")) {
    throw new Problem(node, `FeatureView '${base.name}' needs 'schema': Feast would infer it by reading the source, and Pantry reads definitions without touching data; list the features as Field(name=..., dtype=...)`);
  }
  const fields = fieldList(kw.get("schema") ?? null, `FeatureView '${base.name}' schema`, node);
  const joinKeys = new Set(entities.flatMap((e) => e.names));
  const ttl = kw.get("ttl");
  if (ttl !== undefined && ttl !== null && !(ttl instanceof Timedelta)) {
    throw new Problem(node, `FeatureView '${base.name}': ttl must be a timedelta(...) (got ${describe(ttl)})`);
  }
  const online = kw.get("online");
  if (online !== undefined && typeof online !== "boolean") throw new Problem(node, `FeatureView '${base.name}': online must be True or False`);
  const offline = kw.get("offline");
  if (offline !== undefined && typeof offline !== "boolean") throw new Problem(node, `FeatureView '${base.name}': offline must be True or False`);
  const features = fields.filter((f) => !joinKeys.has(f.name));
  const spec: FeatureViewSpec = {
    kind: "featureView",
    ...base,
    entities: entities.map((e) => e.spec.name),
    schema: features,
    entityColumns: fields.filter((f) => joinKeys.has(f.name)),
    source: source.spec.name,
    ttlSeconds: ttl instanceof Timedelta ? Math.max(0, Math.floor(ttl.seconds)) : 0,
    online: online ?? true,
    // Feast's `offline` is about writing computed rows to the offline store; every view can be
    // read for training data, which is what Pantry's flag means (as the Feast importer reads it).
    offline: true,
  };
  return new Def(spec, [...entities, source], placeholderSource(), features.map((f) => f.name));
}

function featureService(_scope: Scope, node: SyntaxNode, args: Args): Def {
  noPositional(args, node, "FeatureService");
  const kw = keywords(args, node, "FeatureService", [...COMMON_ARGS, "features"]);
  const base = commonOf(kw, node, "FeatureService");
  const deps: Def[] = [];
  const projections: ProjectionSpec[] = listOf(required(kw, "features", node, "FeatureService"), "FeatureService features", node).map(
    (item, i) => {
      const projection =
        item instanceof Projection
          ? item
          : item instanceof Def && (item.spec.kind === "featureView" || item.spec.kind === "onDemandFeatureView")
            ? new Projection(item, null, null, {})
            : null;
      if (!projection) {
        throw new Problem(node, `FeatureService '${base.name}': features[${i}] must be a feature view or a projection of one (got ${describe(item)})`);
      }
      deps.push(projection.view);
      return {
        view: projection.view.spec.name,
        alias: projection.alias,
        features: projection.features ?? [...projection.view.names],
        joinKeyMap: { ...projection.joinKeyMap },
      };
    },
  );
  const spec: FeatureServiceSpec = { kind: "featureService", ...base, projections };
  return new Def(spec, deps, placeholderSource());
}

// ---------------------------------------------------------------- value checks

function describe(value: PyValue | undefined): string {
  if (value === undefined || value === null) return "None";
  if (typeof value === "string") return `the string ${JSON.stringify(short(value))}`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (Array.isArray(value)) return "a list";
  if (value instanceof PyDict) return "a dict";
  if (value instanceof Timedelta) return "a timedelta";
  if (value instanceof PyPath) return "a path";
  if (value instanceof DtypeValue) return `the type ${value.dtype}`;
  if (value instanceof ValueTypeMember) return `ValueType.${value.name}`;
  if (value instanceof FileFormat) return "a file format";
  if (value instanceof Projection) return `a projection of '${value.view.spec.name}'`;
  if (value instanceof Def) {
    const kind = value.spec.kind === "dataSource" ? `${value.spec.type} source` : value.spec.kind;
    return `${kind} '${value.spec.name}'`;
  }
  if (value instanceof FieldValue) return `Field '${value.spec.name}'`;
  if (value instanceof Known) {
    if (value.qualified.startsWith("type:")) return `the type ${value.qualified.slice(5)}`;
    return `'${value.qualified}'`;
  }
  return "a value";
}

function stringOf(value: PyValue, what: string, node: SyntaxNode): string {
  if (typeof value === "string") return value;
  if (value instanceof PyPath) return value.path;
  throw new Problem(node, `${what} must be a string (got ${describe(value)})`);
}

function numberOf(value: PyValue, what: string, node: SyntaxNode): number {
  if (typeof value === "number") return value;
  throw new Problem(node, `${what} must be a number (got ${describe(value)})`);
}

function listOf(value: PyValue, what: string, node: SyntaxNode): PyValue[] {
  if (Array.isArray(value)) return value;
  throw new Problem(node, `${what} must be a list (got ${describe(value)})`);
}

function stringMap(value: PyValue, what: string, node: SyntaxNode): Tags {
  if (!(value instanceof PyDict)) throw new Problem(node, `${what} must be a dict of strings (got ${describe(value)})`);
  const out: Tags = {};
  for (const [k, v] of value.entries) {
    if (typeof k !== "string" || typeof v !== "string") {
      throw new Problem(node, `${what} must map strings to strings (got ${describe(k)}: ${describe(v)})`);
    }
    out[k] = v;
  }
  return out;
}

/** A name bound to a feast.types type is that type's value. */
function resolveKnown(value: PyValue): PyValue {
  if (value instanceof Known) {
    const name = CANONICAL.get(value.qualified);
    if (name?.startsWith("type:")) return new DtypeValue(SCALARS[name.slice(5)] as Dtype);
  }
  return value;
}
