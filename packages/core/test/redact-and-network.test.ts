/** The redaction helper and the Host/Origin rules, on the strings they meet in practice. */
import { describe, expect, it } from "vitest";
import {
  allowedHostNames,
  checkNetworkExposure,
  isJsonContentType,
  isLoopbackHost,
  refuseRequestOrigin,
} from "../src/auth/network";
import { redactSecrets } from "../src/redact";
import { parseEventTime } from "../src/serving/write-rows";

describe("redactSecrets", () => {
  it("hides passwords in URLs, libpq and Redis options, tokens and bearer values", () => {
    expect(redactSecrets("postgresql://u:hunter2@db:5432/x")).toBe("postgresql://u:***@db:5432/x");
    expect(redactSecrets("postgresql://u@db/pantry?sslmode=require&password=hunter2")).toBe(
      "postgresql://u@db/pantry?sslmode=require&password=***",
    );
    expect(redactSecrets("connection_string 'redis:6379,db=0,password=hunter2,ssl=true'")).toBe(
      "connection_string 'redis:6379,db=0,password=***,ssl=true'",
    );
    expect(redactSecrets("token pantry_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg leaked")).toBe(
      "token pantry_*** leaked",
    );
    expect(redactSecrets("Authorization: Bearer abc.def")).toBe("Authorization: Bearer ***");
    // Instructions that only name the placeholder stay readable.
    expect(redactSecrets("send Authorization: Bearer <token>")).toBe("send Authorization: Bearer <token>");
  });

  it("keeps paths inside the allowed roots and hides the others, keeping the file name", () => {
    const text = "cannot read /repo/data/a.parquet, /home/u/.git-credentials or '/etc/passwd'";
    expect(redactSecrets(text)).toBe(text);
    expect(redactSecrets(text, { allowedRoots: ["/repo"] })).toBe(
      "cannot read /repo/data/a.parquet, <path outside the repo>/.git-credentials or '<path outside the repo>/passwd'",
    );
    expect(redactSecrets("/repository/x", { allowedRoots: ["/repo"] })).toBe("<path outside the repo>/x");
    // URLs are not paths.
    expect(redactSecrets("see https://example.com/a/b", { allowedRoots: [] })).toBe("see https://example.com/a/b");
  });
});

describe("network rules", () => {
  it("tells loopback from other addresses", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "app.localhost"]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ["0.0.0.0", "::", "192.168.1.2", "example.com", "128.0.0.1"]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it("refuses no_auth on a network address, warns when allowed, says nothing with tokens", () => {
    const check = { host: "0.0.0.0", what: "the console", allowUnauthenticated: false } as const;
    expect(() => checkNetworkExposure({ ...check, auth: "no_auth" })).toThrow(
      /refusing to start the console on 0.0.0.0/,
    );
    expect(checkNetworkExposure({ ...check, auth: "no_auth", allowUnauthenticated: true })).toMatch(/^WARNING/);
    expect(checkNetworkExposure({ ...check, auth: "token" })).toBeNull();
    expect(checkNetworkExposure({ ...check, host: "127.0.0.1", auth: "no_auth" })).toBeNull();
  });

  it("checks Host against the bound and allowed names, and Origin against Host", () => {
    const allowed = allowedHostNames("127.0.0.1", ["pantry.example.com"]);
    const ok = (host: string, origin?: string, forwardedHost?: string) =>
      refuseRequestOrigin({ method: "POST", host, origin, forwardedHost }, allowed) === null;
    expect(ok("127.0.0.1:3000")).toBe(true);
    expect(ok("localhost:3000", "http://localhost:3000")).toBe(true);
    expect(ok("[::1]:3000")).toBe(true);
    expect(ok("PANTRY.example.com", "https://pantry.example.com")).toBe(true);
    expect(ok("evil.example:3000")).toBe(false);
    expect(ok("127.0.0.1:3000", "http://evil.example")).toBe(false);
    expect(ok("127.0.0.1:3000", "null")).toBe(false);
    expect(ok("127.0.0.1:3000", "http://127.0.0.1:4000")).toBe(false);
    // A proxy that rewrites Host: Origin is compared with X-Forwarded-Host when that name is allowed.
    expect(ok("127.0.0.1:3000", "https://pantry.example.com", "pantry.example.com")).toBe(true);
    expect(ok("127.0.0.1:3000", "https://evil.example", "evil.example")).toBe(false);
    expect(refuseRequestOrigin({ method: "GET", host: "x", fetchSite: "cross-site" }, new Set(["*"]))).toMatch(
      /cross-site/,
    );
  });

  it("knows JSON content types", () => {
    expect(isJsonContentType("application/json; charset=utf-8")).toBe(true);
    expect(isJsonContentType("application/vnd.api+json")).toBe(true);
    for (const type of ["text/plain", "multipart/form-data", "application/x-www-form-urlencoded", undefined]) {
      expect(isJsonContentType(type)).toBe(false);
    }
  });
});

describe("parseEventTime with a window", () => {
  const now = Date.UTC(2026, 11, 3);
  const window = { latestMs: now + 86_400_000, skewMs: 86_400_000 };
  it("reads plausible seconds as seconds and 1e12 onwards as milliseconds", () => {
    expect(parseEventTime(1_700_000_000, "ts", 0, window).toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(parseEventTime(1_700_000_000_123, "ts", 0, window).toISOString()).toBe("2023-11-14T22:13:20.123Z");
    expect(parseEventTime(0, "ts", 0, window).toISOString()).toBe("1970-01-01T00:00:00.000Z");
  });
  it("refuses microseconds, the gap between seconds and milliseconds, the future and before 1970", () => {
    expect(() => parseEventTime(1_700_000_000_000_000, "ts", 3, window)).toThrow(
      /'ts' of row 3 .*later than now \+ 1 day/,
    );
    expect(() => parseEventTime(5e10, "ts", 0, window)).toThrow(/too small for epoch milliseconds/);
    expect(() => parseEventTime("2026-12-05T00:00:00Z", "ts", 0, window)).toThrow(/later than now \+ 1 day/);
    expect(() => parseEventTime("1969-01-01", "ts", 0, window)).toThrow(/before 1970-01-01/);
    expect(parseEventTime("2026-12-03T12:00:00", "ts", 0, window).toISOString()).toBe("2026-12-03T12:00:00.000Z");
  });
});
