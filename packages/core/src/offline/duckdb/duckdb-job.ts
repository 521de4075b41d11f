/**
 * A point-in-time retrieval on DuckDB. Nothing runs until a result is asked for; each call loads
 * the entity table on a fresh connection, runs the join, and drops everything with the connection.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { type OutputFormat, writeAtomically } from "../atomic-file";
import type { EntityColumn } from "../build-plan";
import type { EntityInput } from "../entity-input";
import type { OnDemandStep } from "../on-demand-plan";
import type { PitStages, RenderedSql } from "../sql/dialect";
import type { RetrievalJob, RetrievalProgress } from "../types";
import { asPantryError, type DuckDatabase, duckParams, withConnection } from "./database";
import { loadEntityTable } from "./entity-table";
import { describeOnDemandStep, runOnDemandStep } from "./on-demand-step";
import { withQueryProgress } from "./progress";
import { toPlainRow } from "./values";

export interface DuckJobInput {
  db: DuckDatabase;
  entity: EntityInput;
  entityColumns: EntityColumn[];
  /** The join as one statement, for display (--explain). */
  rendered: RenderedSql;
  /** The same join as run: staged where the strategy has stages. */
  stages: PitStages;
  columns: string[];
  views: string[];
  /** On-demand views computed from the join's rows; null when none is asked for. */
  onDemand: OnDemandStep | null;
  onProgress?: (progress: RetrievalProgress) => void;
}

/** The join's result, kept when on-demand views are computed from it. */
const JOINED_TABLE = "__pantry_joined";

export class DuckRetrievalJob implements RetrievalJob {
  readonly columns: string[];
  readonly views: string[];
  readonly sql: string;

  constructor(private readonly input: DuckJobInput) {
    this.columns = input.columns;
    this.views = input.views;
    this.sql = retrievalSql(input.rendered, input.onDemand);
  }

  async toRows(): Promise<Record<string, unknown>[]> {
    return this.run(async (connection, query, phase) => {
      const reader = await withQueryProgress(connection, phase, this.input.onProgress, () =>
        connection.runAndReadAll(query.sql, duckParams(query.params)),
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
      this.run(async (connection, query, phase) => {
        const rows = await copyQueryToFile(connection, query, temp, format, this.input.onProgress, phase);
        this.input.onProgress?.({ phase: "done", fraction: 1, rows });
        return { rows };
      }),
    );
  }

  /** Loads the entity table, runs the stages before the result, then `use` with the result query. */
  private run<T>(
    use: (connection: DuckDBConnection, query: RenderedSql, phase: RetrievalProgress["phase"]) => Promise<T>,
  ): Promise<T> {
    const { stages, onProgress } = this.input;
    return withConnection(this.input.db, async (connection) => {
      onProgress?.({ phase: "preparing" });
      const entityRows = await loadEntityTable(connection, this.input.entity, this.input.entityColumns);
      try {
        let ties: boolean[] = [];
        if (stages.materialize) {
          const keyed = stages.materializeKeyed;
          const { sql, params } = keyed && entityRows <= keyed.maxEntityRows ? keyed : stages.materialize;
          await withQueryProgress(connection, "joining", onProgress, () => connection.run(sql, duckParams(params)));
        }
        if (stages.tieProbe) {
          const probe = await connection.runAndReadAll(stages.tieProbe.sql, duckParams(stages.tieProbe.params));
          ties = (probe.getRows()[0] ?? []).map((value) => value === true);
        }
        const result = stages.result(ties);
        if (this.input.onDemand) {
          const output = await this.computeOnDemand(connection, result, this.input.onDemand);
          return await use(connection, output, "writing");
        }
        // After a materialized join, what is left is mostly writing the rows out.
        return await use(connection, result, stages.materialize ? "writing" : "joining");
      } catch (error) {
        throw asPantryError(error, "point-in-time join failed");
      } finally {
        if (stages.cleanup) await connection.run(stages.cleanup).catch(() => undefined);
      }
    });
  }

  /** Keeps the join's result in a temp table (rowid = output order) and computes the views over it. */
  private async computeOnDemand(
    connection: DuckDBConnection,
    result: RenderedSql,
    step: OnDemandStep,
  ): Promise<RenderedSql> {
    const { onProgress } = this.input;
    await withQueryProgress(connection, "joining", onProgress, () =>
      connection.run(`CREATE OR REPLACE TEMP TABLE "${JOINED_TABLE}" AS ${result.sql}`, duckParams(result.params)),
    );
    return runOnDemandStep(connection, JOINED_TABLE, step, onProgress);
  }
}

/** The SQL shown by --explain: the join, then a note of the on-demand step when there is one. */
export function retrievalSql(rendered: RenderedSql, step: OnDemandStep | null): string {
  const sql = sqlWithParameters(rendered);
  return step ? `${sql}\n${describeOnDemandStep(step)}` : sql;
}

/** COPY streams the join's result into the file inside DuckDB: no row passes through JS. */
export async function copyQueryToFile(
  connection: DuckDBConnection,
  query: RenderedSql,
  path: string,
  format: OutputFormat,
  onProgress?: (progress: RetrievalProgress) => void,
  phase: RetrievalProgress["phase"] = "joining",
): Promise<number> {
  const options = format === "parquet" ? "FORMAT parquet, COMPRESSION zstd" : "FORMAT csv, HEADER true";
  const target = `$${query.params.length + 1}`;
  const params = duckParams([...query.params, path]);
  const reader = await withQueryProgress(connection, phase, onProgress, () =>
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
