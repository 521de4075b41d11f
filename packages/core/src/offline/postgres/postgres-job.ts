/**
 * A point-in-time retrieval on PostgreSQL: each result call opens a connection, uploads the entity
 * table into a temp table, runs the join inside PostgreSQL and lands the result in DuckDB.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { type OutputFormat, writeAtomically } from "../atomic-file";
import type { EntityColumn } from "../build-plan";
import { type DuckDatabase, withConnection } from "../duckdb/database";
import { copyQueryToFile, retrievalSql } from "../duckdb/duckdb-job";
import { runOnDemandStep } from "../duckdb/on-demand-step";
import { toPlainRow } from "../duckdb/values";
import type { EntityInput } from "../entity-input";
import type { OnDemandStep } from "../on-demand-plan";
import type { RenderedSql } from "../sql/dialect";
import type { RetrievalJob, RetrievalProgress } from "../types";
import { uploadEntityTable } from "./entity-upload";
import { landPostgresQueryInDuckDB } from "./json-transfer";
import { type PostgresOfflineConfig, pgError, statementTimeoutOf, withPostgres } from "./pg-client";

export interface PostgresJobInput {
  config: PostgresOfflineConfig;
  duck: DuckDatabase;
  entity: EntityInput;
  entityColumns: EntityColumn[];
  rendered: RenderedSql;
  columns: string[];
  views: string[];
  /** On-demand views computed from the landed rows; null when none is asked for. */
  onDemand: OnDemandStep | null;
  onProgress?: (progress: RetrievalProgress) => void;
}

const LANDING_TABLE = "__pantry_result";
const LANDED_ROWS: RenderedSql = { sql: `SELECT * FROM "${LANDING_TABLE}" ORDER BY rowid`, params: [] };

export class PostgresRetrievalJob implements RetrievalJob {
  readonly columns: string[];
  readonly views: string[];
  readonly sql: string;

  constructor(private readonly input: PostgresJobInput) {
    this.columns = input.columns;
    this.views = input.views;
    this.sql = retrievalSql(input.rendered, input.onDemand);
  }

  async toRows(): Promise<Record<string, unknown>[]> {
    return this.landed(async (duck, output) => {
      const reader = await duck.runAndReadAll(output.sql);
      return reader.getRowObjectsJS().map(toPlainRow);
    });
  }

  toParquet(path: string): Promise<{ rows: number }> {
    return this.write(path, "parquet");
  }

  toCsv(path: string): Promise<{ rows: number }> {
    return this.write(path, "csv");
  }

  private write(path: string, format: OutputFormat): Promise<{ rows: number }> {
    return writeAtomically(path, (temp) =>
      this.landed(async (duck, output) => {
        this.input.onProgress?.({ phase: "writing" });
        const rows = await copyQueryToFile(duck, output, temp, format);
        return { rows };
      }),
    );
  }

  /**
   * Runs the join in PostgreSQL, lands it in a DuckDB temp table, computes the on-demand views
   * there if any, then hands that connection on with the query giving the output.
   */
  private landed<T>(use: (duck: DuckDBConnection, output: RenderedSql) => Promise<T>): Promise<T> {
    const { onProgress } = this.input;
    return withConnection(this.input.duck, (duck) =>
      withPostgres(this.input.config, async (client) => {
        onProgress?.({ phase: "preparing" });
        await uploadEntityTable(client, this.input.entity, this.input.entityColumns, async () => duck);
        onProgress?.({ phase: "joining" });
        try {
          await landPostgresQueryInDuckDB(
            client,
            this.input.rendered,
            duck,
            LANDING_TABLE,
            (rows) => onProgress?.({ phase: "joining", rows }),
            statementTimeoutOf(this.input.config),
          );
        } catch (error) {
          throw pgError(error, "point-in-time join failed in PostgreSQL");
        }
        const { onDemand } = this.input;
        const output = onDemand ? await runOnDemandStep(duck, LANDING_TABLE, onDemand, onProgress) : LANDED_ROWS;
        const result = await use(duck, output);
        onProgress?.({ phase: "done", fraction: 1 });
        return result;
      }),
    );
  }
}
