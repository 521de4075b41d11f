/**
 * The DuckDB offline store confines every read itself, whatever put the source in the registry:
 * paths outside the repo, URLs, and glob matches that link out are refused before DuckDB reads.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileSourceSpec } from "../src/definitions/types";
import { DuckDBOfflineStore } from "../src/offline/duckdb/duckdb-store";

const CSV = "driver_id,event_timestamp,conv\n1001,2024-01-01 00:00:00,0.5\n";
const file = (path: string, format: "csv" | "parquet" = "csv"): FileSourceSpec => ({
  kind: "dataSource",
  type: "file",
  name: "probe",
  description: "",
  owner: "",
  tags: {},
  path,
  format,
  timestampField: "event_timestamp",
  createdTimestampColumn: null,
  fieldMapping: {},
});

let root: string;
let repo: string;
let outside: string;
let store: DuckDBOfflineStore;
let allowing: DuckDBOfflineStore;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "pantry-offline-confine-"));
  repo = join(root, "repo");
  outside = join(root, "outside");
  mkdirSync(join(repo, "data", "parts"), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(repo, "data", "parts", "a.csv"), CSV);
  writeFileSync(join(repo, "data", "parts", "b.csv"), CSV);
  writeFileSync(join(outside, "secret.csv"), "password\nhunter2\n");
  mkdirSync(join(repo, "data", "mixed"));
  writeFileSync(join(repo, "data", "mixed", "a.csv"), CSV);
  writeFileSync(join(outside, "rows.csv"), CSV);
  symlinkSync(join(outside, "rows.csv"), join(repo, "data", "mixed", "z.csv"));
  store = new DuckDBOfflineStore(repo);
  allowing = new DuckDBOfflineStore(repo, { allowedPaths: [outside] });
});

afterAll(async () => {
  await store?.close();
  await allowing?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("DuckDB offline store confinement", () => {
  it("reads files and globs inside the repo", async () => {
    expect((await store.sampleSource(file("data/parts/a.csv"), 5)).length).toBe(1);
    expect((await store.sampleSource(file("data/parts/*.csv"), 5)).length).toBe(2);
  });

  it("refuses paths outside the repo, traversal and URLs before reading", async () => {
    for (const path of ["/etc/passwd", join(outside, "secret.csv"), "data/../../outside/secret.csv", "/**/*.csv"]) {
      await expect(store.sampleSource(file(path), 5), path).rejects.toThrow(/is outside the feature repo folder/);
    }
    await expect(store.describeSource(file("https://example.com/x.csv"))).rejects.toThrow(/is a URL/);
  });

  it("refuses a glob when one of its matches links out of the repo", async () => {
    await expect(store.sampleSource(file("data/mixed/*.csv"), 5)).rejects.toThrow(
      /matches a file that links outside the feature repo folder/,
    );
    expect((await allowing.sampleSource(file("data/mixed/*.csv"), 5)).length).toBe(2);
  });
});
