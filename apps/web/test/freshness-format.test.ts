import { describe, expect, it } from "vitest";
import { formatLag, lagUnit, stateTone } from "../src/features/freshness/freshness-format";

describe("freshness formatting", () => {
  it("reads lags as the two largest units", () => {
    expect(formatLag(3 * 3_600_000 + 12 * 60_000 + 5_000)).toBe("3 h 12 min");
    expect(formatLag(25 * 86_400_000 + 4 * 3_600_000)).toBe("25 d 4 h");
    expect(formatLag(2 * 86_400_000 + 30_000)).toBe("2 d");
    expect(formatLag(45_000)).toBe("45 s");
    expect(formatLag(0)).toBe("0 s");
    expect(formatLag(null)).toBe("—");
  });
  it("picks a chart unit and marks stale red", () => {
    expect(lagUnit(5 * 86_400_000).label).toBe("d");
    expect(lagUnit(90 * 60_000).label).toBe("min");
    expect(stateTone("stale")).toBe("danger");
  });
});
