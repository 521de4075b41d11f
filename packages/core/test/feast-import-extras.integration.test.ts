/**
 * import-feast over a hand-built Feast 0.66 registry with the fields past views and services:
 * a stream feature view (imported as a batch view, with a note), saved datasets, permissions and
 * label views (read and named in notes), and Feast's Struct and Map types (as Json). Into a real
 * SQLite registry through FeatureStore.importFeast.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeFeastRegistryWithNotes } from "../src/feast-import";
import { FeatureStore } from "../src/feature-store";

// ---- a tiny protobuf encoder ----
function varint(value: number): Uint8Array {
  const out: number[] = [];
  let v = value;
  do {
    const low = v & 0x7f;
    v = Math.floor(v / 128);
    out.push(v > 0 ? low | 0x80 : low);
  } while (v > 0);
  return Uint8Array.from(out);
}
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
const tag = (field: number, wireType: number) => varint((field << 3) | wireType);
const int = (field: number, value: number) => concat(tag(field, 0), varint(value));
const bytesField = (field: number, payload: Uint8Array) => concat(tag(field, 2), varint(payload.length), payload);
const str = (field: number, text: string) => bytesField(field, new TextEncoder().encode(text));
const msg = (field: number, ...parts: Uint8Array[]) => bytesField(field, concat(...parts));
const feature = (field: number, name: string, valueType: number) => msg(field, str(1, name), int(2, valueType));

const P = "streams";
// DataSource: type = 1, timestamp_field = 3, file_options = 11 (uri = 2), name = 20, project = 21.
const fileSource = (field: number, name: string) =>
  msg(field, int(1, 1), str(3, "event_timestamp"), msg(11, str(2, "data/clicks.parquet")), str(20, name), str(21, P));

const REGISTRY = concat(
  // projects (17): Project { spec = 1: ProjectSpec { name = 1 } }
  msg(17, msg(1, str(1, P))),
  // entities (1): Entity { spec: EntitySpec { name = 1, value_type = 2, join_key = 4, project = 9 } }
  msg(1, msg(1, str(1, "user"), int(2, 2), str(4, "user_id"), str(9, P))),
  // feature_views (6): a plain view with a STRUCT (34) and a MAP (20) feature.
  msg(
    6,
    msg(
      1,
      str(1, "profile"),
      str(2, P),
      str(3, "user"),
      feature(4, "address", 34),
      feature(4, "prefs", 20),
      feature(4, "visits", 35),
      fileSource(7, "profile_source"),
      int(8, 1),
    ),
  ),
  // stream_feature_views (14): StreamFeatureViewSpec { name 1, project 2, entities 3, features 4,
  // ttl 9, batch_source 10, stream_source 11 (Kafka, type 3), online 12 }.
  msg(
    14,
    msg(
      1,
      str(1, "clicks_stream"),
      str(2, P),
      str(3, "user"),
      feature(4, "clicks_5m", 4),
      msg(9, int(1, 3600)),
      fileSource(10, "clicks_batch"),
      msg(11, int(1, 3), str(3, "event_timestamp"), str(20, "clicks_kafka"), str(21, P)),
      int(12, 1),
    ),
  ),
  // saved_datasets (11), permissions (16), label_views (19): spec { name = 1, project = 2 }.
  msg(11, msg(1, str(1, "training_2026"), str(2, P))),
  msg(16, msg(1, str(1, "read_all"), str(2, P))),
  msg(19, msg(1, str(1, "click_labels"), str(2, P))),
);

describe("import-feast reads Feast 0.66's other registry fields", () => {
  let dir = "";
  let store: FeatureStore;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "pantry-import-extras-"));
    writeFileSync(join(dir, "feature_store.yaml"), "project: local\nregistry: data/registry.db\nonline_store: null\n");
    store = new FeatureStore({ repoPath: dir });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("decodes Struct and Map as Json, a stream view as a batch view over its batch source, and notes the rest", () => {
    const { projects, notes } = decodeFeastRegistryWithNotes(REGISTRY);
    const [project] = projects;
    expect(project?.featureViews.find((v) => v.name === "profile")?.schema.map((f) => [f.name, f.dtype])).toEqual([
      ["address", "Json"],
      ["prefs", "Json"],
      ["visits", "Array(Json)"],
    ]);
    const stream = project?.featureViews.find((v) => v.name === "clicks_stream");
    expect(stream).toMatchObject({ source: "clicks_batch", ttlSeconds: 3600, entities: ["user"], online: true });
    expect(project?.dataSources.map((s) => s.name).sort()).toEqual(["clicks_batch", "profile_source"]);
    expect(notes.get(P)).toEqual([
      "stream feature view 'clicks_stream' is imported as a batch feature view over its batch source 'clicks_batch': Pantry runs no stream processing (push rows to it with /push instead)",
      "saved dataset 'training_2026' is read but not imported: its file stays where Feast wrote it; register it again with 'pantry get-historical-features --save-as'",
      "permission 'read_all' is read but not imported: Pantry's access control is the roles of auth: token (docs/DESIGN.md, Access control)",
      "label view 'click_labels' is read but not imported: Pantry has no label views; keep labels in the entity table of get-historical-features",
    ]);
  });

  it("imports into a real registry and reports the notes as warnings", async () => {
    const [imported] = await store.importFeast(REGISTRY, { actor: "test" });
    expect(imported?.project).toBe(P);
    expect(imported?.result.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/^stream feature view 'clicks_stream'/)]),
    );
    expect(imported?.result.warnings).toHaveLength(4);
    const contents = await store.contents(P);
    expect(contents.featureViews.map((v) => v.name).sort()).toEqual(["clicks_stream", "profile"]);
  });
});
