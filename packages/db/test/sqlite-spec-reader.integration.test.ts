/**
 * A SQLite registry's definitions are read with better-sqlite3 (sqlite-spec-reader.ts), not
 * Prisma: the answer must be Prisma's own (same project fields, same specs, same order), see a
 * write at once, and say null for a project the registry does not have.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPrisma, openRegistryDb, type RegistryDb, RegistryRepository } from "../src/index";
import type { ChangeSet, ObjectRecord } from "../src/records";

const PROJECT = { name: "p1", description: "the project", owner: "ml@x", tags: '{"team":"a"}', repoPath: null };

function object(kind: ObjectRecord["kind"], name: string): ObjectRecord {
  return {
    kind,
    name,
    description: "",
    owner: "",
    tags: "{}",
    origin: "console",
    spec: JSON.stringify({ kind, name }),
    columns:
      kind === "entity"
        ? { joinKeys: JSON.stringify([`${name}_id`]), valueType: "Int64" }
        : kind === "dataSource"
          ? { type: "file", location: `data/${name}.parquet` }
          : {},
  };
}

function change(creates: ObjectRecord[]): ChangeSet {
  return { project: PROJECT, creates, updates: [], deletes: [], actor: "test", summary: "add", action: "apply" };
}

describe("definitions read from a SQLite registry without Prisma", () => {
  let dir: string;
  let db: RegistryDb;
  let viaPrisma: RegistryRepository;
  let closePrisma: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "pantry-spec-reader-"));
    const path = join(dir, "registry.db");
    db = await openRegistryDb({ type: "sqlite", path });
    const prisma = await openPrisma({ type: "sqlite", path });
    viaPrisma = new RegistryRepository(prisma);
    closePrisma = () => prisma.$disconnect();
  });

  afterAll(async () => {
    await db?.close();
    await closePrisma?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives Prisma's answer, sees each write at once, and null for an unknown project", async () => {
    expect(await db.objects.projectSpecs("p1")).toBeNull();
    await db.objects.applyChangeSet(change([object("entity", "rider"), object("entity", "driver")]));
    const first = await db.objects.projectSpecs("p1");
    expect(first?.specs.entity.map((s) => JSON.parse(s).name)).toEqual(["driver", "rider"]);
    await db.objects.applyChangeSet(change([object("dataSource", "trips"), object("featureService", "svc")]));
    const fast = await db.objects.projectSpecs("p1");
    const slow = await viaPrisma.projectSpecs("p1");
    expect(fast?.specs.dataSource).toHaveLength(1);
    expect(fast?.specs.featureService).toHaveLength(1);
    expect(fast?.specs).toEqual(slow?.specs);
    expect(fast?.project).toEqual({
      name: slow?.project.name,
      description: slow?.project.description,
      owner: slow?.project.owner,
      tags: slow?.project.tags,
    });
    expect(fast?.project).toEqual({ name: "p1", description: "the project", owner: "ml@x", tags: '{"team":"a"}' });
    expect(await db.objects.projectSpecs("other")).toBeNull();
  });
});
