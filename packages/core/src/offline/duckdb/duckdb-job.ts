/**
 * A point-in-time retrieval on DuckDB. Nothing runs until a result is asked for; each call loads
 * the entity table on a fresh connection, runs the join, and drops everything with the connection.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { type OutputFormat, writeAtomically } from "../atomic-file";
import type { EntityColumn } from "../build-plan";
import type { EntityInput } from "../entity-input";
import type { RenderedSql } from "../sql/dialect";
import type { RetrievalJob, RetrievalProgress } from "../types";
import { asPantryError, type DuckDatabase, duckParams, withConnection } from "./database";
import { loadEntityTable } from "./entity-table";
import { withQueryProgress } from "./progress";
import { toPlainRow } from "./values";

export interface DuckJobInput {
  db: DuckDatabase;
  entity: EntityInput;
  entityColumns: EntityColumn[];
  rendered: RenderedSql;
  columns: string[];
  onProgress?: (progress: RetrievalProgress) => void;
}

export class DuckRetrievalJob implements RetrievalJob {
  readonly columns: string[];
  readonly sql: string;

  constructor(private readonly input: DuckJobInput) {
    this.columns = input.columns;
    this.sql = sqlWithParameters(input.rendered);
  }

  async toRows(): Promise<Record<string, unknown>[]> {
    return this.run(async (connection) => {
      const reader = await withQueryProgress(connection, "joining", this.input.onProgress, () =>
        connection.runAndReadAll(this.input.rendered.sql, duckParams(this.input.rendered.params)),
      );
      const rows = reader.getRowObjectsJS().map(toPlainRow);
      this.input.onProgress?.({ phase: "done", fraction: 1, rows: rows.length });
      return rows;
    });
  }

  toParquet(path: string): Promise<{ rows: number }> {
    return this.copyTo(path, "parquet");
  }

  toCsv(path: string): Promise<{ rows: number }> {
    return this.copyTo(path, "csv");
  }

  private copyTo(path: string, format: OutputFormat): Promise<{ rows: number }> {
    return writeAtomically(path, (temp) =>
      this.run(async (connection) => {
        const rows = await copyQueryToFile(connection, this.input.rendered, temp, format, this.input.onProgress);
        this.input.onProgress?.({ phase: "done", fraction: 1, rows });
        return { rows };
      }),
    );
  }

  private run<T>(use: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return withConnection(this.input.db, async (connection) => {
      this.input.onProgress?.({ phase: "preparing" });
      await loadEntityTable(connection, this.input.entity, this.input.entityColumns);
      try {
        return await use(connection);
      } catch (error) {
        throw asPantryError(error, "point-in-time join failed");
      }
    });
  }
}

/** COPY streams the join's result into the file inside DuckDB: no row passes through JS. */
export async function copyQueryToFile(
  connection: DuckDBConnection,
  query: RenderedSql,
  path: string,
  format: OutputFormat,
  onProgress?: (progress: RetrievalProgress) => void,
): Promise<number> {
  const options = format === "parquet" ? "FORMAT parquet, COMPRESSION zstd" : "FORMAT csv, HEADER true";
  const target = `$${query.params.length + 1}`;
  const params = duckParams([...query.params, path]);
  const reader = await withQueryProgress(connection, "joining", onProgress, () =>
    connection.runAndReadAll(`COPY (${query.sql}) TO ${target} (${options})`, params),
  );
  const count = reader.getRows()[0]?.[0];
  return Number(count ?? 0);
}

/** The SQL for display (--explain), parameters listed after it. Never executed. */
export function sqlWithParameters(rendered: RenderedSql): string {
  if (rendered.params.length === 0) return rendered.sql;
  const lines = rendered.params.map((value, i) => `-- $${i + 1} = ${JSON.stringify(value)}`);
  return `${rendered.sql}\n${lines.join("\n")}`;
}
