/**
 * Files and SQL a repo may touch, probed over HTTP against the console's tRPC endpoint (the same
 * handler as apps/web's /api/trpc): a path outside the repo through every entry point (inspect,
 * a console form, a Feast import, a definition), `..`, a symlink out of the repo, what
 * offline_store.allowed_paths permits, that refusals do not tell whether a file exists, a
 * multi-statement query source, an import over code objects and an import replacing an earlier
 * import without admin. Every refusal changes nothing in the registry.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, isAbsolute, join } from "node:path";
import { addTokenUser } from "@pantry/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveTrpc, type TrpcHttp } from "./support/http";
import { type SeededWorkspace, seedWorkspace } from "./support/seed-workspace";

// ---- a tiny protobuf encoder for hand-made Feast registries ----
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
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const tag = (field: number, wire: number) => varint((field << 3) | wire);
const int = (field: number, value: number) => concat(tag(field, 0), varint(value));
const bytes = (field: number, payload: Uint8Array) => concat(tag(field, 2), varint(payload.length), payload);
const str = (field: number, text: string) => bytes(field, new TextEncoder().encode(text));
const msg = (field: number, ...parts: Uint8Array[]) => bytes(field, concat(...parts));

const project = (name: string) => msg(17, msg(1, str(1, name)));
const fileSource = (projectName: string, name: string, path: string) =>
  msg(12, int(1, 1), str(3, "event_timestamp"), msg(11, str(2, path)), str(20, name), str(21, projectName));
const querySource = (projectName: string, name: string, query: string) =>
  msg(12, int(1, 6), msg(16, str(1, JSON.stringify({ name, query, table: "" }))), str(20, name), str(21, projectName));
const entity = (projectName: string, name: string, description = "") =>
  msg(1, msg(1, str(1, name), int(2, 4), str(3, description), str(4, `${name}_id`), str(9, projectName)));
const base64 = (...parts: Uint8Array[]) => Buffer.from(concat(...parts)).toString("base64");

let seeded: SeededWorkspace;
let http: TrpcHttp;
let outside: string;
let ridesYaml: string;

async function registrySnapshot(): Promise<string> {
  const registry = await seeded.workspace.registryFor("rides");
  const projects = await registry.listProjects();
  const contents = await Promise.all(projects.map((p) => registry.getContents(p.name)));
  const audit = await registry.history.listAudit({ take: 10_000 });
  return JSON.stringify({ contents, audit: audit.length });
}

const inspect = (path: string) => http.query("catalog.inspectSource", { project: "rides", path });

beforeAll(async () => {
  seeded = await seedWorkspace();
  http = await serveTrpc(seeded.workspace);
  outside = mkdtempSync(join(tmpdir(), "pantry-outside-"));
  writeFileSync(join(outside, "secret.csv"), "password,event_timestamp\nhunter2,2024-01-01 00:00:00\n");
  symlinkSync(join(outside, "secret.csv"), join(seeded.root, "rides", "data", "linked.csv"));
  mkdirSync(join(seeded.root, "rides", "data", "nested"));
  symlinkSync(outside, join(seeded.root, "rides", "data", "nested", "out"));
  ridesYaml = readFileSync(join(seeded.root, "rides", "feature_store.yaml"), "utf8");
}, 120_000);

afterAll(async () => {
  await http?.close();
  await seeded?.cleanup();
  if (outside) rmSync(outside, { recursive: true, force: true });
});

/** How a refused path appears to a console user: absolute paths outside the workspace are redacted to their file name. */
const shown = (path: string) => (isAbsolute(path) ? `<path outside the repo>/${basename(path)}` : path);

describe("files a repo may read, over HTTP", () => {
  it("inspectSource refuses /etc/passwd, .. traversal and symlinks out of the repo, before reading", async () => {
    for (const path of [
      "/etc/passwd",
      "../../../../../etc/passwd",
      "data/../../fraud/data/cards.csv",
      join(outside, "secret.csv"),
      "data/linked.csv",
      "data/nested/out/secret.csv",
    ]) {
      const { status, body } = await inspect(path);
      expect(status, path).toBe(400);
      const message = body.error?.json.message ?? "";
      expect(message).toContain(`'${shown(path)}' is outside the feature repo folder`);
      expect(message).toContain("offline_store.allowed_paths");
      expect(message).not.toMatch(/root:|hunter2|password/);
      expect(body.error?.json.data.fieldErrors).toEqual({ path: [message] });
    }
  });

  it("answers a refused path the same whether or not it exists", async () => {
    const existing = (await inspect("/etc/passwd")).body.error?.json;
    const missing = (await inspect("/etc/pantry-no-such-file")).body.error?.json;
    expect(missing?.data.httpStatus).toBe(existing?.data.httpStatus);
    expect(missing?.message.replace("pantry-no-such-file", "X")).toBe(existing?.message.replace("passwd", "X"));
  });

  it("takes the format from the file name, not from the client", async () => {
    const { status, body } = await http.query("catalog.inspectSource", {
      project: "rides",
      path: "data/driver_stats.csv",
      format: "parquet",
    });
    expect(status).toBe(400);
    expect(body.error?.json.message).toContain("is named as csv, not parquet");
  });

  it("a console form with a path outside the repo is refused and writes nothing", async () => {
    const before = await registrySnapshot();
    for (const path of ["/etc/passwd.csv", "../fraud/data/cards.csv", "data/linked.csv"]) {
      const { status, body } = await http.mutation(
        "edit.applyEdit",
        {
          intent: "create",
          project: "rides",
          form: {
            kind: "dataSource",
            values: { name: "stolen", path, timestampField: "event_timestamp", description: "", owner: "" },
          },
        },
        { "x-pantry-user": "mallory" },
      );
      expect(status, path).toBe(400);
      expect(body.error?.json.message).toContain("is outside the feature repo folder");
      expect(body.error?.json.data.fieldErrors?.path).toBeDefined();
    }
    expect(await registrySnapshot()).toBe(before);
  });

  it("a Feast import with a local path outside the repo is refused whole; a URL path is kept but never read", async () => {
    const before = await registrySnapshot();
    for (const path of ["/etc/passwd", "../../../home/u/.git-credentials", join(outside, "secret.csv")]) {
      const refused = await http.mutation("import.feast", {
        fileBase64: base64(project("evil"), fileSource("evil", "stolen", path)),
        intoRegistryOf: "rides",
      });
      expect(refused.status, path).toBe(400);
      expect(refused.body.error?.json.message).toContain(`data source 'stolen': '${shown(path)}' is outside the feature repo folder`);
    }
    expect(await registrySnapshot()).toBe(before);

    const kept = await http.mutation("import.feast", {
      fileBase64: base64(project("remote"), fileSource("remote", "orders", "s3://bucket/orders.csv")),
      intoRegistryOf: "rides",
    });
    expect(kept.status).toBe(200);
    const sample = await http.query("catalog.sampleRows", { project: "remote", source: "orders", limit: 5 });
    expect(sample.status).toBe(400);
    expect(sample.body.error?.json.message).toContain("'s3://bucket/orders.csv' is a URL; the file offline store reads local files only");
  });

  it("a definition with a path outside the repo is refused at apply", async () => {
    const code = readFileSync(join(seeded.root, "solo", "definitions.ts"), "utf8");
    seeded.writeDefinitions("solo", code.replace('path: "data/driver_stats.csv"', 'path: "/etc/passwd.csv"'));
    try {
      await expect(seeded.applyFromCode("solo")).rejects.toThrow(
        "data source 'rider_source': '/etc/passwd.csv' is outside the feature repo folder",
      );
    } finally {
      seeded.writeDefinitions("solo", code);
    }
  });

  it("offline_store.allowed_paths lets the repo read a folder outside it", async () => {
    writeFileSync(
      join(seeded.root, "rides", "feature_store.yaml"),
      `${ridesYaml}offline_store:\n  type: file\n  allowed_paths: [${JSON.stringify(outside)}]\n`,
    );
    await seeded.workspace.refresh();
    try {
      for (const path of [join(outside, "secret.csv"), "data/linked.csv", "data/nested/out/secret.csv"]) {
        const { status, body } = await inspect(path);
        expect(status, path).toBe(200);
        const inspected = body.result?.data.json as { columns: { name: string }[] } | undefined;
        expect(inspected?.columns.map((c) => c.name)).toEqual([
          "password",
          "event_timestamp",
        ]);
      }
      expect((await inspect("/etc/passwd")).status).toBe(400);
    } finally {
      writeFileSync(join(seeded.root, "rides", "feature_store.yaml"), ridesYaml);
      await seeded.workspace.refresh();
    }
  });
});

describe("Feast imports and what they may replace, over HTTP", () => {
  it("refuses a query source of several statements at import, and an unsafe project name", async () => {
    const before = await registrySnapshot();
    const stacked = await http.mutation("import.feast", {
      fileBase64: base64(project("pg"), querySource("pg", "trips", "SELECT 1 AS x; DROP TABLE trips")),
      intoRegistryOf: "rides",
    });
    expect(stacked.status).toBe(400);
    expect(stacked.body.error?.json.message).toContain("data source 'trips': the query holds more than one statement");
    const badName = await http.mutation("import.feast", {
      fileBase64: base64(project("a:x"), entity("a:x", "thing")),
      intoRegistryOf: "rides",
    });
    expect(badName.status).toBe(400);
    expect(badName.body.error?.json.message).toContain(`project name "a:x" is not valid`);
    expect(await registrySnapshot()).toBe(before);
  });

  it("never replaces objects defined in code: an import over them is a CONFLICT that changes nothing", async () => {
    const before = await registrySnapshot();
    const { status, body } = await http.mutation("import.feast", {
      fileBase64: base64(project("rides"), entity("rides", "driver", "from Feast"), entity("rides", "rider_new")),
      intoRegistryOf: "rides",
    });
    expect(status).toBe(409);
    expect(body.error?.json.message).toContain(
      "project 'rides': entity 'driver' is defined in code; the import does not replace it",
    );
    expect(await registrySnapshot()).toBe(before);
  });

  it("replacing objects of an earlier import needs admin", async () => {
    writeFileSync(join(seeded.root, "rides", "feature_store.yaml"), `${ridesYaml}auth:\n  type: token\n  tokens_file: users.yaml\n`);
    const editor = addTokenUser(join(seeded.root, "rides", "users.yaml"), "ed", "editor").token;
    const admin = addTokenUser(join(seeded.root, "rides", "users.yaml"), "ad", "admin").token;
    await seeded.workspace.refresh();
    try {
      const as = (token: string) => ({ authorization: `Bearer ${token}` });
      const first = base64(project("imported"), entity("imported", "shop"));
      expect((await http.mutation("import.feast", { fileBase64: first, intoRegistryOf: "rides" }, as(editor))).status).toBe(200);
      // The same file again changes nothing: an editor may.
      expect((await http.mutation("import.feast", { fileBase64: first, intoRegistryOf: "rides" }, as(editor))).status).toBe(200);
      const before = await registrySnapshot();
      const changed = base64(project("imported"), entity("imported", "shop", "changed"));
      const denied = await http.mutation("import.feast", { fileBase64: changed, intoRegistryOf: "rides" }, as(editor));
      expect(denied.status).toBe(403);
      expect(denied.body.error?.json.message).toContain("that needs the admin role");
      expect(denied.body.error?.json.message).toContain("this import replaces objects an earlier import made: entity 'shop' (update)");
      expect(await registrySnapshot()).toBe(before);
      expect((await http.mutation("import.feast", { fileBase64: changed, intoRegistryOf: "rides" }, as(admin))).status).toBe(200);
    } finally {
      writeFileSync(join(seeded.root, "rides", "feature_store.yaml"), ridesYaml);
      await seeded.workspace.refresh();
    }
  });
});
