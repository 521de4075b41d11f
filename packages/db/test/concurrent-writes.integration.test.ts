/**
 * Two registry connections (two processes' worth) writing at the same moment, on both providers:
 * - two change sets planned from the same version of one object: exactly one is written, the
 *   other is a CONFLICT naming the object and the version it is at now; the history has one
 *   version per write that succeeded (no lost update, no duplicate version);
 * - two creates of one name: one wins, the other is a CONFLICT naming the object;
 * - usage flushes of the same new rollups from both: the stored counts are the exact sums.
 * On PostgreSQL (read committed) the check-then-write used to let the later transaction write
 * over the earlier one; the conditional writes close that.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openRegistryDb, type RegistryDb, type RegistryLocation } from "../src/index";
import type { ChangeSet, ObjectRecord } from "../src/records";
import { createTestDatabase } from "../testing/index";

const PROJECT = { name: "p1", description: "", owner: "", tags: "{}", repoPath: null };

function entity(name: string, description: string): ObjectRecord {
  return {
    kind: "entity",
    name,
    description,
    owner: "",
    tags: "{}",
    origin: "console",
    spec: JSON.stringify({ kind: "entity", name, description }),
    columns: { joinKeys: JSON.stringify([`${name}_id`]), valueType: "Int64" },
  };
}

function change(parts: Partial<ChangeSet>): ChangeSet {
  return {
    project: PROJECT,
    creates: [],
    updates: [],
    deletes: [],
    actor: "test",
    summary: "edit",
    action: "console-edit",
    ...parts,
  };
}

describe.each(["sqlite", "postgres"] as const)("concurrent registry writes on %s", (provider) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function open(): Promise<[RegistryDb, RegistryDb]> {
    let location: RegistryLocation;
    if (provider === "sqlite") {
      const dir = mkdtempSync(join(tmpdir(), "pantry-concurrent-"));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      location = { type: "sqlite", path: join(dir, "registry.db") };
    } else {
      const db = await createTestDatabase("pantry_concurrent");
      cleanups.push(db.drop);
      location = { type: "postgres", url: db.url };
    }
    const first = await openRegistryDb(location);
    const second = await openRegistryDb(location);
    cleanups.push(async () => {
      await first.close();
      await second.close();
    });
    return [first, second];
  }

  it("writes one of two edits planned from the same version and refuses the other by name", async () => {
    const [a, b] = await open();
    await a.objects.applyChangeSet(
      change({ creates: [entity("shared", "v0")], expected: [{ kind: "entity", name: "shared", version: null }] }),
    );
    const written: string[] = [];
    const ROUNDS = 15;
    for (let round = 0; round < ROUNDS; round++) {
      const current = (await a.objects.findObject("p1", "entity", "shared"))?.version ?? 0;
      const results = await Promise.allSettled(
        [a, b].map((db, i) =>
          db.objects.applyChangeSet(
            change({
              // Creates before the update widen the window between the version check and the write.
              creates: [1, 2, 3].map((k) => entity(`side_${round}_${i}_${k}`, "")),
              updates: [entity("shared", `r${round}-${i}`)],
              expected: [{ kind: "entity", name: "shared", version: current }],
            }),
          ),
        ),
      );
      const ok = results.flatMap((r, i) => (r.status === "fulfilled" ? [`r${round}-${i}`] : []));
      const refused = results.flatMap((r) =>
        r.status === "rejected" ? [r.reason as { code?: string; message: string }] : [],
      );
      expect(ok, `round ${round}`).toHaveLength(1);
      expect(refused[0]?.code).toBe("CONFLICT");
      expect(refused[0]?.message).toContain(`is at version ${current + 1}`);
      written.push(...ok);
    }
    const stored = await a.objects.findObject("p1", "entity", "shared");
    expect(stored?.version).toBe(1 + ROUNDS);
    expect(stored?.description).toBe(written.at(-1));
    const versions = await a.history.listVersions("p1", "entity", "shared");
    expect(versions.map((v) => v.version).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 1 + ROUNDS }, (_, i) => i + 1),
    );
    const described = versions.map((v) => (JSON.parse(v.spec) as { description: string }).description);
    expect(described.sort()).toEqual(["v0", ...written].sort());
  }, 120_000);

  it("lets one of two creates of one name through and names the object in the other's conflict", async () => {
    const [a, b] = await open();
    await a.objects.applyChangeSet(change({}));
    for (let round = 0; round < 8; round++) {
      const name = `race_${round}`;
      const results = await Promise.allSettled(
        [a, b].map((db, i) =>
          db.objects.applyChangeSet(
            change({ creates: [entity(name, `by ${i}`)], expected: [{ kind: "entity", name, version: null }] }),
          ),
        ),
      );
      expect(
        results.filter((r) => r.status === "fulfilled"),
        name,
      ).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason.code).toBe("CONFLICT");
      expect(refused.reason.message).toContain(`entity '${name}'`);
      expect((await a.history.listVersions("p1", "entity", name)).length).toBe(1);
    }
  }, 120_000);

  it("adds up usage flushed by two processes at the same moment", async () => {
    const [a, b] = await open();
    await a.objects.applyChangeSet(change({}));
    const bucket = new Date("2026-11-01T10:00:00Z");
    const deltas = (n: number) =>
      ["f:a", "f:b", "f:c", "f:d"].map((featureRef) => ({
        consumer: "model",
        featureRef,
        bucket,
        requests: n,
        totalLatencyMs: n * 2,
        maxLatencyMs: n,
      }));
    let expected = 0;
    for (let round = 1; round <= 10; round++) {
      // A new minute every other round: both race to create the rows.
      const at = round % 2 === 0 ? new Date(bucket.getTime() + round * 60_000) : bucket;
      await Promise.all([
        a.usage.recordUsage(
          "p1",
          deltas(round).map((d) => ({ ...d, bucket: at })),
        ),
        b.usage.recordUsage(
          "p1",
          deltas(round + 100).map((d) => ({ ...d, bucket: at })),
        ),
      ]);
      expected += round + round + 100;
    }
    const rows = await a.usage.listUsage({ projectName: "p1", since: new Date(0) });
    for (const featureRef of ["f:a", "f:b", "f:c", "f:d"]) {
      const mine = rows.filter((r) => r.featureRef === featureRef);
      expect(
        mine.reduce((sum, r) => sum + r.requests, 0),
        featureRef,
      ).toBe(expected);
      expect(Math.max(...mine.map((r) => r.maxLatencyMs))).toBe(110);
    }
  }, 120_000);
});
