/**
 * A point-in-time retrieval on PostgreSQL: each result call opens a connection, uploads the entity
 * table into a temp table, runs the join inside PostgreSQL and lands the result in DuckDB.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { type OutputFormat, writeAtomically } from "../atomic-file";
import type { EntityColumn } from "../build-plan";
import { type DuckDatabase, withConnection } from "../duckdb/database";
import { copyQueryToFile, sqlWithParameters } from "../duckdb/duckdb-job";
import { toPlainRow } from "../duckdb/values";
import type { EntityInput } from "../entity-input";
import type { RenderedSql } from "../sql/dialect";
import type { RetrievalJob, RetrievalProgress } from "../types";
import { uploadEntityTable } from "./entity-upload";
import { landPostgresQueryInDuckDB } from "./json-transfer";
import { type PostgresOfflineConfig, pgError, withPostgres } from "./pg-client";

export interface PostgresJobInput {
  config: PostgresOfflineConfig;
  duck: DuckDatabase;
  entity: EntityInput;
  entityColumns: EntityColumn[];
  rendered: RenderedSql;
  columns: string[];
  onProgress?: (progress: RetrievalProgress) => void;
}

const LANDING_TABLE = "__pantry_result";

export class PostgresRetrievalJob implements RetrievalJob {
  readonly columns: string[];
  readonly sql: string;

  constructor(private readonly input: PostgresJobInput) {
    this.columns = input.columns;
    this.sql = sqlWithParameters(input.rendered);
  }

  async toRows(): Promise<Record<string, unknown>[]> {
    return this.landed(async (duck) => {
      const reader = await duck.runAndReadAll(`SELECT * FROM "${LANDING_TABLE}" ORDER BY rowid`);
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
      this.landed(async (duck) => {
        this.input.onProgress?.({ phase: "writing" });
        const rows = await copyQueryToFile(
          duck,
          { sql: `SELECT * FROM "${LANDING_TABLE}" ORDER BY rowid`, params: [] },
          temp,
          format,
        );
        return { rows };
      }),
    );
  }

  /** Runs the join in PostgreSQL, lands it in a DuckDB temp table, then hands that connection on. */
  private landed<T>(use: (duck: DuckDBConnection) => Promise<T>): Promise<T> {
    const { onProgress } = this.input;
    return withConnection(this.input.duck, (duck) =>
      withPostgres(this.input.config, async (client) => {
        onProgress?.({ phase: "preparing" });
        await uploadEntityTable(client, this.input.entity, this.input.entityColumns, async () => duck);
        onProgress?.({ phase: "joining" });
        try {
          await landPostgresQueryInDuckDB(client, this.input.rendered, duck, LANDING_TABLE, (rows) =>
            onProgress?.({ phase: "joining", rows }),
          );
        } catch (error) {
          throw pgError(error, "point-in-time join failed in PostgreSQL");
        }
        const result = await use(duck);
        onProgress?.({ phase: "done", fraction: 1 });
        return result;
      }),
    );
  }
}
