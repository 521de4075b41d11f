/**
 * Source columns vs. the view, for every view of a run before anything is written: a missing
 * column or a wrong type fails the whole run with every problem listed (docs/DOMAIN.md: nothing
 * written, no interval recorded). Type rules are the offline engine's, so apply, retrieval and
 * materialization agree on what "compatible" means.
 */
import type { DataSourceSpec } from "../definitions/types";
import { didYouMean } from "../errors";
import { isCompatibleDtype, isTimestampLike, keysComparable } from "../offline/dtype-mapping";
import type { SourceColumn } from "../offline/types";
import type { MaterializationTarget } from "./targets";

export function schemaProblems(target: MaterializationTarget, columns: readonly SourceColumn[]): string[] {
  const { view, source } = target;
  const byName = new Map(columns.map((c) => [c.name, c]));
  const names = columns.map((c) => c.name);
  const where = `${describeSource(source)} (view '${view.name}')`;
  const problems: string[] = [];
  const missing = (role: string, name: string) =>
    problems.push(
      `${role} '${name}' is not a column of ${where}; columns: ${names.join(", ")}${didYouMean(name, names)}`,
    );

  for (const [role, name] of [
    ["timestamp field", source.timestampField],
    ["created timestamp column", source.createdTimestampColumn],
  ] as const) {
    if (!name) continue;
    const column = byName.get(name);
    if (!column) missing(role, name);
    else if (!isTimestampLike(column.dtype)) {
      problems.push(`${role} '${name}' of ${where} is ${column.rawType}, but a timestamp is needed`);
    }
  }
  for (const key of target.joinKeys) {
    const column = byName.get(key.name);
    if (!column) missing("join key", key.name);
    else if (key.dtype && column.dtype && !keysComparable(key.dtype, column.dtype)) {
      problems.push(
        `join key '${key.name}' of entity '${key.entity}' is ${key.dtype}, but column '${key.name}' of ${where} is ${column.rawType}`,
      );
    }
  }
  for (const field of view.schema) {
    const column = byName.get(field.name);
    if (!column) missing("feature", field.name);
    // A type Pantry cannot name (an engine extension type) passes unchecked, as in retrieval.
    else if (column.dtype !== null && !isCompatibleDtype(field.dtype, column.dtype)) {
      problems.push(
        `feature '${view.name}:${field.name}' is declared ${field.dtype}, but column '${field.name}' of ${where} is ${column.rawType} (${column.dtype})`,
      );
    }
  }
  return problems;
}

function describeSource(source: DataSourceSpec): string {
  if (source.type === "file") return `${source.format} file ${source.path}`;
  if (source.type === "postgres")
    return source.table ? `table ${source.table}` : `the query of source '${source.name}'`;
  return `source '${source.name}'`;
}
