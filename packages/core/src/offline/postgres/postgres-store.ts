/** The postgres offline store: PostgresSource tables/queries, joins run inside PostgreSQL. */
import type pg from "pg";
import type { DataSourceSpec } from "../../definitions/types";
import { PantryError } from "../../errors";
import type { EntityColumn } from "../build-plan";
import { type DuckDatabase, openDuckDatabase, withConnection } from "../duckdb/database";
import { describeEntityInput } from "../duckdb/entity-table";
import { dateFromText } from "../duckdb/values";
import { postgresTypeToDtype } from "../dtype-mapping";
import { classifyEntityInput, type EntityInput } from "../entity-input";
import { readLatestBatches } from "../latest-batches";
import { buildRetrievalPlan } from "../on-demand-plan";
import { mapColumns, sourceLocation } from "../source-columns";
import type { RenderedSql } from "../sql/dialect";
import { postgresDialect } from "../sql/dialects/postgres";
import type { SourceRelation } from "../sql/plan";
import { renderPointInTimeJoin } from "../sql/render-pit";
import { renderCountLatest, renderLatestPerKey } from "../sql/render-source";
import type {
  HistoricalRetrievalOptions,
  MaterializationBatch,
  OfflineStore,
  PullLatestOptions,
  RetrievalJob,
  SourceColumn,
} from "../types";
import { resolveViewRead, type ViewRead } from "../view-read";
import { describeSqlEntity, PG_ENTITY_TABLE } from "./entity-upload";
import {
  connectPostgres,
  cursorRows,
  inReadOnlyTransaction,
  type PostgresOfflineConfig,
  pgError,
  queryOne,
  statementTimeoutOf,
  withPostgres,
} from "./pg-client";
import { singleStatement } from "../sql/single-statement";
import { plainPgValue } from "./pg-types";
import { PostgresRetrievalJob } from "./postgres-job";

export class PostgresOfflineStore implements OfflineStore {
  private duckDatabase: Promise<DuckDatabase> | null = null;

  constructor(private readonly config: PostgresOfflineConfig) {}

  /** DuckDB reads entity files and writes result files; opened on first need. */
  private duck(): Promise<DuckDatabase> {
    this.duckDatabase ??= openDuckDatabase();
    return this.duckDatabase;
  }

  relationOf(source: DataSourceSpec): SourceRelation {
    if (source.type === "postgres") {
      // Checked at apply/import time too; again here for what an older registry may hold.
      if (source.query)
        return { kind: "query", sql: singleStatement(source.query, { what: `data source '${source.name}'` }) };
      if (source.table) return { kind: "table", name: source.table };
      throw new PantryError("INVALID_ARGUMENT", `PostgreSQL source '${source.name}' has neither a table nor a query`);
    }
    throw new PantryError(
      "INVALID_ARGUMENT",
      `source '${source.name}' is a ${source.type} source, which the postgres offline store cannot read; use a PostgresSource (table or query)`,
      { source: source.name },
    );
  }

  private async rawColumns(client: pg.Client, source: DataSourceSpec): Promise<SourceColumn[]> {
    const from = postgresDialect.sourceRelation(this.relationOf(source), () => {
      throw new Error("PostgreSQL sources take no parameters");
    });
    try {
      const { result, names } = await inReadOnlyTransaction(client, this.config, async () => {
        const result = await queryOne(client, `SELECT * FROM ${from} AS "__pantry_source" LIMIT 0`);
        const oids = [...new Set(result.fields.map((f) => f.dataTypeID))];
        const names = await queryOne<{ oid: number; name: string }>(
          client,
          "SELECT oid::int AS oid, format_type(oid, NULL) AS name FROM pg_type WHERE oid = ANY($1::oid[])",
          [oids],
        );
        return { result, names };
      });
      const typeName = new Map(names.rows.map((row) => [row.oid, row.name]));
      return result.fields.map((field) => {
        const rawType = typeName.get(field.dataTypeID) ?? `oid ${field.dataTypeID}`;
        return { name: field.name, rawType, dtype: postgresTypeToDtype(rawType) };
      });
    } catch (error) {
      const cause = pgError(error, `cannot read ${sourceLocation(source)} of data source '${source.name}'`);
      if (cause instanceof PantryError && cause.code === "NOT_FOUND") {
        throw new PantryError("NOT_FOUND", `${cause.message}; create it or fix the source's table`, {
          source: source.name,
        });
      }
      throw cause;
    }
  }

  describeSource(source: DataSourceSpec): Promise<SourceColumn[]> {
    return withPostgres(this.config, async (client) => mapColumns(source, await this.rawColumns(client, source)));
  }

  sampleSource(source: DataSourceSpec, limit: number): Promise<Record<string, unknown>[]> {
    return withPostgres(this.config, async (client) => {
      await this.rawColumns(client, source);
      const from = postgresDialect.sourceRelation(this.relationOf(source), () => "");
      const result = await inReadOnlyTransaction(client, this.config, () =>
        queryOne(client, `SELECT * FROM ${from} AS "__pantry_source" LIMIT $1`, [Math.max(0, Math.floor(limit))]),
      ).catch((error: unknown) => {
        throw pgError(error, `cannot read ${sourceLocation(source)} of data source '${source.name}'`);
      });
      return result.rows.map((row: Record<string, unknown>) =>
        Object.fromEntries(
          result.fields.map((field) => [
            source.fieldMapping[field.name] ?? field.name,
            plainPgValue(row[field.name], field.dataTypeID, dateFromText),
          ]),
        ),
      );
    });
  }

  private async describeEntity(client: pg.Client, entity: EntityInput): Promise<EntityColumn[]> {
    if (entity.kind === "sql") return describeSqlEntity(client, entity.sql);
    return withConnection(await this.duck(), (duck) => describeEntityInput(duck, entity));
  }

  async getHistoricalFeatures(options: HistoricalRetrievalOptions): Promise<RetrievalJob> {
    const entity = classifyEntityInput(options.entityDf);
    options.onProgress?.({ phase: "preparing" });
    const duck = await this.duck();
    return withPostgres(this.config, async (client) => {
      const entityColumns = await this.describeEntity(client, entity);
      const sourceColumns = new Map<DataSourceSpec, SourceColumn[]>();
      for (const request of options.requests) {
        if (!sourceColumns.has(request.source))
          sourceColumns.set(request.source, await this.rawColumns(client, request.source));
      }
      const plan = buildRetrievalPlan({
        requests: options.requests,
        onDemand: options.onDemand,
        entityColumns,
        entityTable: PG_ENTITY_TABLE,
        entityLabel: entity.label,
        fullFeatureNames: options.fullFeatureNames,
        filterByCreatedTimestamp: options.filterByCreatedTimestamp,
        rawColumnsOf: (source) => sourceColumns.get(source) ?? [],
        relationOf: (source) => this.relationOf(source),
      });
      return new PostgresRetrievalJob({
        config: this.config,
        duck,
        entity,
        entityColumns,
        rendered: renderPointInTimeJoin(plan.pit, postgresDialect),
        columns: plan.columns,
        views: plan.views,
        onDemand: plan.onDemand,
        onProgress: options.onProgress,
      });
    });
  }

  private async viewRead(client: pg.Client, options: PullLatestOptions): Promise<ViewRead> {
    return resolveViewRead({
      ...options,
      rawColumns: await this.rawColumns(client, options.source),
      relation: this.relationOf(options.source),
    });
  }

  async *pullLatest(options: PullLatestOptions): AsyncIterable<MaterializationBatch> {
    const client = await connectPostgres(this.config);
    try {
      const read = await this.viewRead(client, options);
      const rendered = renderLatestPerKey(
        read,
        { start: options.start, end: options.end, partition: options.partition },
        postgresDialect,
      );
      yield* readLatestBatches(
        plainBatches(client, rendered, options.batchSize, statementTimeoutOf(this.config)),
        read,
        options,
      );
    } catch (error) {
      throw pgError(error, `cannot read the latest rows of feature view '${options.view.name}'`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  countLatest(options: PullLatestOptions): Promise<number> {
    return withPostgres(this.config, async (client) => {
      const read = await this.viewRead(client, options);
      const rendered = renderCountLatest(
        read,
        { start: options.start, end: options.end, partition: options.partition },
        postgresDialect,
      );
      const result = await inReadOnlyTransaction(client, this.config, () =>
        queryOne(client, rendered.sql, rendered.params),
      ).catch((error: unknown) => {
        throw pgError(error, `cannot count the latest rows of feature view '${options.view.name}'`);
      });
      return Number((result.rows[0] as { n?: unknown } | undefined)?.n ?? 0);
    });
  }

  async close(): Promise<void> {
    const duck = this.duckDatabase;
    this.duckDatabase = null;
    if (duck) (await duck).close();
  }
}

async function* plainBatches(
  client: pg.Client,
  query: RenderedSql,
  batchSize?: number,
  timeoutMs?: number,
): AsyncIterable<Record<string, unknown>[]> {
  for await (const batch of cursorRows(client, query.sql, query.params, batchSize ?? 10_000, timeoutMs)) {
    yield batch.rows.map((row) =>
      Object.fromEntries(
        batch.fields.map((field) => [field.name, plainPgValue(row[field.name], field.dataTypeID, dateFromText)]),
      ),
    );
  }
}
