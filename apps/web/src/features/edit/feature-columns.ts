/**
 * Which columns of a source a feature view form offers as features: join keys and timestamps are
 * shown but not proposed (they are not features), everything else is, with the dtype read from the file.
 */
import type { Dtype } from "@pantry/core/shared";

export type ColumnRole = "feature" | "joinKey" | "timestamp";

export interface SourceColumn {
  name: string;
  dtype: Dtype | null;
  rawType: string;
}

export interface ProposedColumn extends SourceColumn {
  role: ColumnRole;
  /** The dtype to use when picked: the file's, else String (the user can change it). */
  proposedDtype: Dtype;
}

export function proposeColumns(
  columns: SourceColumn[],
  context: { joinKeys: string[]; timestampFields: (string | null | undefined)[] },
): ProposedColumn[] {
  const joinKeys = new Set(context.joinKeys);
  const timestamps = new Set(context.timestampFields.filter((t): t is string => Boolean(t)));
  return columns.map((column) => ({
    ...column,
    role: joinKeys.has(column.name) ? "joinKey" : timestamps.has(column.name) ? "timestamp" : "feature",
    proposedDtype: column.dtype ?? "String",
  }));
}

export const ROLE_NOTES: Record<ColumnRole, string> = {
  feature: "",
  joinKey: "join key of a picked entity",
  timestamp: "event/created timestamp",
};
