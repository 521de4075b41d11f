/** The default offline store: Parquet/CSV sources read and joined by an in-process DuckDB. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { confinePath, isAllowedRealPath, isGlobPath, type PathPolicy } from "../../config/allowed-paths";
import { duckdb } from "./api";
import type { DataSourceSpec } from "../../definitions/types";
import { PantryError } from "../../errors";
import { duckdbTypeToDtype } from "../dtype-mapping";
import { classifyEntityInput } from "../entity-input";
import { buildRetrievalPlan } from "../on-demand-plan";
import { mapColumns, sourceLocation } from "../source-columns";
import type { Dialect, JoinStrategy } from "../sql/dialect";
import { duckdbDialect } from "../sql/dialects/duckdb";
import type { SourceRelation } from "../sql/plan";
import { renderPointInTimeJoin, renderPointInTimeStages } from "../sql/render-pit";
import {
  renderCountLatest,
  renderLatestPerKey,
  SOURCE_CREATED,
  SOURCE_TS,
  sourceKeyColumn,
} from "../sql/render-source";
import type {
  HistoricalRetrievalOptions,
  MaterializationBatch,
  OfflineStore,
  PullLatestOptions,
  RetrievalJob,
  SourceColumn,
} from "../types";
import { readLatestColumnBatches } from "../latest-batches";
import { resolveViewRead } from "../view-read";
import { asPantryError, type DuckDatabase, duckParams, openDuckDatabase, withConnection } from "./database";
import { DuckRetrievalJob } from "./duckdb-job";
import { describeEntityInput } from "./entity-table";
import { toPlainRow, toPlainValue } from "./values";
import { ENCODED_VALUES_COLUMN, renderEncodedValues } from "./encode-values";

export interface DuckDBOfflineStoreOptions {
  /**
   * The join strategy; ASOF unless told otherwise. "sweep" runs the portable SQL that PostgreSQL,
   * Trino and BigQuery get, which lets the tests execute it on a third engine.
   */
  strategy?: JoinStrategy;
  /** DuckDB's memory limit (offline_store.memory_limit); beyond it joins spill to disk. */
  memoryLimit?: string;
  /** offline_store.allowed_paths (absolute) and the yaml naming them; default: the repo folder only. */
  allowedPaths?: readonly string[];
  configPath?: string;
}

export class DuckDBOfflineStore implements OfflineStore {
  private database: Promise<DuckDatabase> | null = null;
  private readonly dialect: Dialect;
  private readonly paths: PathPolicy;

  /** repoPath: file source paths are relative to it, and (with allowedPaths) the only files read. */
  constructor(
    private readonly repoPath: string,
    private readonly options: DuckDBOfflineStoreOptions = {},
  ) {
    this.dialect = { ...duckdbDialect, strategy: options.strategy ?? duckdbDialect.strategy };
    this.paths = {
      repoPath,
      allowedPaths: options.allowedPaths ?? [],
      configPath: options.configPath ?? join(repoPath, "feature_store.yaml"),
    };
  }

  async prepare(): Promise<void> {
    await this.db();
  }

  private db(): Promise<DuckDatabase> {
    this.database ??= openDuckDatabase({ memoryLimit: this.options.memoryLimit });
    return this.database;
  }

  relationOf(source: DataSourceSpec): SourceRelation {
    if (source.type === "file") {
      return {
        kind: "file",
        path: confinePath(this.paths, source.path, { what: `data source '${source.name}'`, field: "path" }),
        format: source.format,
      };
    }
    throw new PantryError(
      "INVALID_ARGUMENT",
      `source '${source.name}' is a ${source.type} source, which the file (DuckDB) offline store cannot read; use a FileSource or offline_store type 'postgres'`,
      { source: source.name },
    );
  }

  private async rawColumns(connection: DuckDBConnection, source: DataSourceSpec): Promise<SourceColumn[]> {
    const relation = this.relationOf(source);
    if (relation.kind === "file" && isGlobPath(relation.path))
      await this.checkGlobMatches(connection, source, relation.path);
    else if (relation.kind === "file" && !existsSync(relation.path)) {
      throw new PantryError("NOT_FOUND", `data source '${source.name}' reads ${relation.path}, which does not exist`, {
        source: source.name,
        path: relation.path,
      });
    }
    const params: unknown[] = [];
    const from = duckdbDialect.sourceRelation(relation, (value) => {
      params.push(value);
      return `$${params.length}`;
    });
    try {
      const result = await connection.run(`SELECT * FROM ${from} LIMIT 0`, duckParams(params));
      const types = result.columnTypes();
      return result.columnNames().map((name, i) => {
        const rawType = types[i]?.toString() ?? "UNKNOWN";
        return { name, rawType, dtype: duckdbTypeToDtype(rawType) };
      });
    } catch (error) {
      throw asPantryError(error, `cannot read ${sourceLocation(source)} of data source '${source.name}'`);
    }
  }

  /**
   * A glob's literal folder is confined by relationOf; a file it matches may still be a link out of
   * it, so every match DuckDB would read is checked (by its real path) before anything is read.
   */
  private async checkGlobMatches(connection: DuckDBConnection, source: DataSourceSpec, pattern: string): Promise<void> {
    let files: string[];
    try {
      const reader = await connection.runAndReadAll("SELECT file FROM glob($1)", [pattern]);
      files = reader.getRows().map((row) => String(row[0]));
    } catch (error) {
      throw asPantryError(error, `cannot list the files of data source '${source.name}'`);
    }
    const outside = files.find((file) => !isAllowedRealPath(this.paths, file));
    if (outside !== undefined) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `data source '${source.name}': the pattern '${source.type === "file" ? source.path : pattern}' matches a file that links outside the feature repo folder; Pantry reads files only inside ${this.repoPath} or a folder listed under offline_store.allowed_paths in ${this.paths.configPath}`,
        { source: source.name, field: "path", setting: "offline_store.allowed_paths" },
      );
    }
  }

  async describeSource(source: DataSourceSpec): Promise<SourceColumn[]> {
    const db = await this.db();
    return withConnection(db, async (connection) => mapColumns(source, await this.rawColumns(connection, source)));
  }

  async sampleSource(source: DataSourceSpec, limit: number): Promise<Record<string, unknown>[]> {
    const db = await this.db();
    return withConnection(db, async (connection) => {
      await this.rawColumns(connection, source);
      const params: unknown[] = [];
      const from = duckdbDialect.sourceRelation(this.relationOf(source), (value) => {
        params.push(value);
        return `$${params.length}`;
      });
      params.push(Math.max(0, Math.floor(limit)));
      const reader = await connection.runAndReadAll(
        `SELECT * FROM ${from} LIMIT $${params.length}`,
        duckParams(params),
      );
      return reader.getRowObjectsJS().map((row) => renameKeys(toPlainRow(row), source.fieldMapping));
    });
  }

  /**
   * Runs one read-only query over a source's rows (statistics, expectations): `build` gets the
   * source's relation (its file, confined like every other read) and a parameter binder. Column
   * names are the file's own (before field mapping).
   */
  async querySource(
    source: DataSourceSpec,
    build: (from: string, param: (value: unknown) => string) => string,
  ): Promise<Record<string, unknown>[]> {
    const db = await this.db();
    return withConnection(db, async (connection) => {
      await this.rawColumns(connection, source);
      const params: unknown[] = [];
      const param = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      const sql = build(duckdbDialect.sourceRelation(this.relationOf(source), param), param);
      try {
        const reader = await connection.runAndReadAll(sql, duckParams(params));
        return reader.getRowObjectsJS().map((row) => toPlainRow(row));
      } catch (error) {
        throw asPantryError(error, `cannot read ${sourceLocation(source)} of data source '${source.name}'`);
      }
    });
  }

  async getHistoricalFeatures(options: HistoricalRetrievalOptions): Promise<RetrievalJob> {
    const db = await this.db();
    const entity = classifyEntityInput(options.entityDf);
    options.onProgress?.({ phase: "preparing" });
    return withConnection(db, async (connection) => {
      // The entity file and every source are described at once, each on its own connection (a CSV
      // is parsed to learn its types: tens of milliseconds each). Errors come in request order.
      const sources = [...new Set(options.requests.map((request) => request.source))];
      const entityDescribed = describeEntityInput(connection, entity);
      const sourcesDescribed = sources.map((source) => withConnection(db, (own) => this.rawColumns(own, source)));
      await Promise.allSettled([entityDescribed, ...sourcesDescribed]);
      const entityColumns = await entityDescribed;
      const sourceColumns = new Map<DataSourceSpec, SourceColumn[]>();
      for (const [i, source] of sources.entries())
        sourceColumns.set(source, await (sourcesDescribed[i] as Promise<SourceColumn[]>));
      const plan = buildRetrievalPlan({
        requests: options.requests,
        onDemand: options.onDemand,
        entityColumns,
        entityTable: "__pantry_entity",
        entityLabel: entity.label,
        fullFeatureNames: options.fullFeatureNames,
        filterByCreatedTimestamp: options.filterByCreatedTimestamp,
        rawColumnsOf: (source) => sourceColumns.get(source) ?? [],
        relationOf: (source) => this.relationOf(source),
      });
      return new DuckRetrievalJob({
        db,
        entity,
        entityColumns,
        rendered: renderPointInTimeJoin(plan.pit, this.dialect),
        stages: renderPointInTimeStages(plan.pit, this.dialect),
        columns: plan.columns,
        views: plan.views,
        onDemand: plan.onDemand,
        onProgress: options.onProgress,
      });
    });
  }

  async *pullLatest(options: PullLatestOptions): AsyncIterable<MaterializationBatch> {
    const db = await this.db();
    const connection = await db.instance.connect();
    try {
      const rawColumns = await this.rawColumns(connection, options.source);
      const read = resolveViewRead({ ...options, rawColumns, relation: this.relationOf(options.source) });
      const encoded = options.encodeValues ? renderEncodedValues(read, options.view, rawColumns) : null;
      const q = (name: string) => duckdbDialect.quoteIdentifier(name);
      const select = encoded
        ? [
            ...read.keys.map((_, k) => q(sourceKeyColumn(k))),
            q(SOURCE_TS),
            q(SOURCE_CREATED),
            `${encoded} AS ${q(ENCODED_VALUES_COLUMN)}`,
          ].join(", ")
        : undefined;
      const rendered = renderLatestPerKey(
        read,
        { start: options.start, end: options.end, partition: options.partition, orderByKey: true, select },
        duckdbDialect,
      );
      const result = await connection.stream(rendered.sql, duckParams(rendered.params));
      const names = result.columnNames();
      const chunks = (async function* () {
        for await (const chunk of result) {
          const columns = chunk.convertColumns(duckdb().JSDuckDBValueConverter);
          yield Object.fromEntries(names.map((name, i) => [name, columns[i] ?? []]));
        }
      })();
      yield* readLatestColumnBatches(chunks, read, options, toPlainValue);
    } catch (error) {
      throw asPantryError(error, `cannot read the latest rows of feature view '${options.view.name}'`);
    } finally {
      connection.closeSync();
    }
  }

  async countLatest(options: PullLatestOptions): Promise<number> {
    const db = await this.db();
    return withConnection(db, async (connection) => {
      const read = resolveViewRead({
        ...options,
        rawColumns: await this.rawColumns(connection, options.source),
        relation: this.relationOf(options.source),
      });
      const rendered = renderCountLatest(
        read,
        { start: options.start, end: options.end, partition: options.partition },
        duckdbDialect,
      );
      const reader = await connection.runAndReadAll(rendered.sql, duckParams(rendered.params));
      return Number(reader.getRows()[0]?.[0] ?? 0);
    });
  }

  async close(): Promise<void> {
    const database = this.database;
    this.database = null;
    if (database) (await database).close();
  }
}

function renameKeys(row: Record<string, unknown>, mapping: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [mapping[key] ?? key, value]));
}
