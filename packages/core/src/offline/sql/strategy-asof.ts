/**
 * DuckDB's ASOF LEFT JOIN: per view, the latest source row at or before the entity timestamp, in
 * one sort-merge. The ttl and a missing entity timestamp are applied afterwards (latestRowGuard).
 */
import type { Dialect } from "./dialect";
import { ENTITY_TS_COLUMN, type ViewJoin } from "./plan";
import { entityColumn, keyEquality, sourceCteName, viewAlias } from "./render-common";
import { SOURCE_CREATED, SOURCE_TS } from "./render-source";

export function renderAsofJoin(join: ViewJoin, index: number, dialect: Dialect): string {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const alias = viewAlias(index);
  const entityTs = entityColumn(dialect, ENTITY_TS_COLUMN);
  const sourceTs = `${q(alias)}.${q(SOURCE_TS)}`;
  let inequality = `${entityTs} >= ${sourceTs}`;
  if (join.createdTimestampColumn !== null) {
    if (!dialect.asofOrderKey) throw new Error(`dialect ${dialect.name} has no ASOF order key`);
    const sourceKey = dialect.asofOrderKey(sourceTs, `${q(alias)}.${q(SOURCE_CREATED)}`);
    inequality = `${dialect.asofOrderKey(entityTs, "highest")} >= ${sourceKey}`;
  }
  const conditions = [...keyEquality(join, dialect, alias), inequality];
  return `ASOF LEFT JOIN ${q(sourceCteName(index))} AS ${q(alias)} ON ${conditions.join(" AND ")}`;
}
