/** The console's base path and the shutdown hooks of long-running processes. */
import { describe, expect, it } from "vitest";
import { normalizeBasePath, registerShutdownHook, runShutdownHooks } from "../src/index";

describe("normalizeBasePath", () => {
  it("takes the root as empty and drops a trailing slash", () => {
    expect(normalizeBasePath(undefined)).toBe("");
    expect(normalizeBasePath("")).toBe("");
    expect(normalizeBasePath("/")).toBe("");
    expect(normalizeBasePath("/features/")).toBe("/features");
    expect(normalizeBasePath(" /ml/feature_store-1 ")).toBe("/ml/feature_store-1");
  });

  it("refuses what is not a plain URL path, naming the option", () => {
    for (const bad of ["features", "/a b", "/a/../b", "//x", "/a?b", "http://x/y", "/é"])
      expect(() => normalizeBasePath(bad, "PANTRY_BASE_PATH")).toThrow(
        /PANTRY_BASE_PATH must be a URL path like \/features/,
      );
  });
});

describe("shutdown hooks", () => {
  it("runs every stop hook before any close hook, once, and goes on past a failing one", async () => {
    const events: string[] = [];
    let releaseStop: () => void = () => {};
    registerShutdownHook("close", async () => {
      events.push("close");
    });
    registerShutdownHook("stop", () =>
      new Promise<void>((resolve) => (releaseStop = () => resolve())).then(() => {
        events.push("stop: run finished");
      }),
    );
    registerShutdownHook("stop", async () => {
      throw new Error("scheduler gone");
    });
    const unregistered = registerShutdownHook("close", async () => {
      events.push("never");
    });
    unregistered();
    const errors: unknown[] = [];
    const running = runShutdownHooks((error) => errors.push(error));
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual([]);
    releaseStop();
    await running;
    expect(events).toEqual(["stop: run finished", "close"]);
    expect(errors).toHaveLength(1);
    await runShutdownHooks();
    expect(events).toHaveLength(2);
  });
});
