/**
 * The workspace `pnpm start` runs on: a copy of the example repos of feature_store/ under
 * .pantry/examples/ (git-ignored) whose data is shifted so that its newest rows are recent.
 *
 * feature_store/ itself keeps the fixed data (history ends 2026-11-01T00:00:00Z) that the tests,
 * the e2e specs and the README's quick start rely on. The copy is shifted once: every timestamp
 * column of every Parquet and CSV file of a repo moves by the same whole number of hours, chosen so
 * that the repo's newest event time (any timestamp column but `created*` ones) lands on the hour of
 * the first start (deterministic given that moment). `data/.pantry-shift.json` records the shift; later starts reuse the copy as it is, and
 * shift again only when the source data changed (or after `rm -rf .pantry/examples`).
 * Definitions and feature_store.yaml are copied on every start, so edits in feature_store/ show.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const HOUR = 3600;
export const SHIFT_FILE = ".pantry-shift.json";
const DATA_FILE = /\.(parquet|csv)$/i;
const LOCAL_STATE = /(^|\/)(registry|online_store)\.db|\.db-journal$|\.db-wal$|\.db-shm$/;

/** Feature repos (sub-folders with a feature_store.yaml) of a folder. */
export function listRepos(folder) {
  return readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(folder, d.name, "feature_store.yaml")))
    .map((d) => d.name)
    .sort();
}

function walk(folder, base = folder) {
  const out = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...walk(path, base));
    else if (entry.isFile()) out.push(relative(base, path));
  }
  return out.sort();
}

function sqlString(value) {
  return `'${String(value).replaceAll("'", "''")}'`;
}

function reader(path) {
  return /\.csv$/i.test(path) ? `read_csv(${sqlString(path)})` : `read_parquet(${sqlString(path)})`;
}

/** sha256 over the repo's data files (names and bytes): the shift is redone when it changes. */
function dataDigest(repo, files) {
  const hash = createHash("sha256");
  for (const file of files)
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(join(repo, file)));
  return hash.digest("hex");
}

/** Timestamp columns (TIMESTAMP, TIMESTAMPTZ, DATE) of a data file. */
async function timestampColumns(connection, path) {
  const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${reader(path)}`);
  return described
    .getRowObjects()
    .filter((row) => /^(TIMESTAMP|DATE)/.test(String(row.column_type)))
    .map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
}

function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Copies one repo's data into `target` shifted so its newest timestamp is on or just before the
 * hour of `anchor`. Returns the record written to data/.pantry-shift.json.
 */
export async function shiftRepoData(source, target, anchor) {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const files = walk(join(source, "data")).filter((file) => !LOCAL_STATE.test(file));
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run("SET threads = 1; SET TimeZone = 'UTC'; SET preserve_insertion_order = true;");
    const columns = new Map();
    let newest = null;
    for (const file of files.filter((f) => DATA_FILE.test(f))) {
      const path = join(source, "data", file);
      const found = await timestampColumns(connection, path);
      columns.set(file, found);
      if (found.length === 0) continue;
      // Event times set the end; created times (restatements come hours later) move along.
      const events = found.filter((c) => !/^created/i.test(c.name));
      if (events.length === 0) continue;
      const maxes = events.map((c) => `epoch(max(${quoteIdent(c.name)}))`).join(", ");
      const row = (await connection.runAndReadAll(`SELECT greatest(${maxes}) FROM ${reader(path)}`)).getRows()[0];
      const value = row?.[0] == null ? null : Number(row[0]);
      if (value !== null && (newest === null || value > newest)) newest = value;
    }
    const anchorHour = Math.floor(anchor.getTime() / 1000 / HOUR) * HOUR;
    // Whole hours keep hourly rows on the hour; the newest row lands at most an hour before the anchor.
    const offsetSeconds = newest === null ? 0 : anchorHour - Math.ceil(newest / HOUR) * HOUR;
    rmSync(join(target, "data"), { recursive: true, force: true });
    for (const file of files) {
      const from = join(source, "data", file);
      const to = join(target, "data", file);
      mkdirSync(dirname(to), { recursive: true });
      const shifted = columns.get(file) ?? [];
      if (shifted.length === 0 || offsetSeconds === 0) {
        copyFileSync(from, to);
        continue;
      }
      const replace = shifted
        .map((c) => {
          const moved = `${quoteIdent(c.name)} + to_seconds(${offsetSeconds})`;
          return `CAST(${moved} AS ${c.type}) AS ${quoteIdent(c.name)}`;
        })
        .join(", ");
      const format = /\.csv$/i.test(file) ? "FORMAT csv, HEADER true" : "FORMAT parquet";
      await connection.run(`COPY (SELECT * REPLACE (${replace}) FROM ${reader(from)}) TO ${sqlString(to)} (${format})`);
    }
    const record = {
      anchor: new Date(anchorHour * 1000).toISOString(),
      offsetSeconds,
      newestBefore: newest === null ? null : new Date(newest * 1000).toISOString(),
      newestAfter: newest === null ? null : new Date((newest + offsetSeconds) * 1000).toISOString(),
      sourceDigest: dataDigest(join(source, "data"), files),
    };
    writeFileSync(join(target, "data", SHIFT_FILE), `${JSON.stringify(record, null, 2)}\n`);
    return record;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function copyDefinitions(source, target) {
  for (const file of walk(source)) {
    if (file.split(/[\\/]/)[0] === "data") continue;
    const to = join(target, file);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(source, file), to);
  }
}

/**
 * Prepares `target` from the repos of `source` (see the header). Returns, per repo, whether its
 * data was shifted now (`shifted`) and the shift record.
 */
export async function prepareExampleWorkspace({ source, target, anchor = new Date(), log = () => {} }) {
  mkdirSync(target, { recursive: true });
  const results = [];
  for (const name of listRepos(source)) {
    const from = join(source, name);
    const to = join(target, name);
    copyDefinitions(from, to);
    const recordPath = join(to, "data", SHIFT_FILE);
    const previous = existsSync(recordPath) ? JSON.parse(readFileSync(recordPath, "utf8")) : null;
    const files = walk(join(from, "data")).filter((file) => !LOCAL_STATE.test(file));
    if (previous && previous.sourceDigest === dataDigest(join(from, "data"), files)) {
      results.push({ repo: name, path: to, shifted: false, record: previous });
      continue;
    }
    log(`${name}: shifting the example data so it ends at ${anchor.toISOString().slice(0, 13)}:00Z (once)`);
    // A shift restarts the repo: its registry and online store described the old timestamps.
    const record = await shiftRepoData(from, to, anchor);
    results.push({ repo: name, path: to, shifted: true, record });
  }
  return results;
}
