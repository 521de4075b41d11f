import { describe, expect, it } from "vitest";
import { parseRepoConfig } from "../src/config/repo-config";
import { singleStatement } from "../src/offline/sql/single-statement";

const what = "data source 'trips'";
const one = (sql: string) => singleStatement(sql, { what });

describe("singleStatement (PostgreSQL query sources)", () => {
  it("accepts one statement, with or without a trailing semicolon and comments", () => {
    expect(one("SELECT * FROM trips")).toBe("SELECT * FROM trips");
    expect(one("  SELECT 1 ;  ")).toBe("SELECT 1");
    expect(one("SELECT 1; -- done\n /* really */")).toBe("SELECT 1");
    expect(one("SELECT 1 -- trailing comment")).toBe("SELECT 1 -- trailing comment");
  });

  it("does not take ';' or ')' inside strings, identifiers, comments or dollar quotes as structure", () => {
    for (const sql of [
      "SELECT ';' AS s",
      "SELECT 'it''s; fine)' AS s",
      "SELECT E'a\\'; b)' AS s",
      'SELECT 1 AS "a;b)"',
      "SELECT 1 -- ; DROP TABLE x\n",
      "SELECT /* ; ) /* nested ; */ still */ 1",
      "SELECT $$; DROP TABLE x; )$$ AS s",
      "SELECT $tag$ $$ ; $tag$ AS s",
      "SELECT f(a, (b)) FROM t WHERE x IN (SELECT 1)",
    ]) {
      expect(one(sql)).toBe(sql.trim());
    }
  });

  it("refuses several statements, a breakout of the parentheses and unterminated quotes", () => {
    const cases: [string, string][] = [
      ["SELECT 1; DROP TABLE trips", "holds more than one statement"],
      ["SELECT 1;; SELECT 2", "holds more than one statement"],
      ["SELECT 1; -- x\nDELETE FROM trips", "holds more than one statement"],
      ["SELECT 1) s; DROP TABLE x; SELECT * FROM (SELECT 1", "closes a parenthesis it never opened"],
      ["SELECT 1) AS s CROSS JOIN (SELECT 2", "closes a parenthesis it never opened"],
      ["SELECT (1", "leaves a parenthesis open"],
      ["SELECT (1; DROP TABLE x)", "has a ';' inside parentheses"],
      ["SELECT 'open", "unterminated string"],
      ["SELECT $x$ open", "unterminated $x$ quote"],
      ["SELECT /* open", "unterminated /* comment"],
      ["  ; ", "is empty"],
      ["-- only a comment", "is empty"],
    ];
    for (const [sql, why] of cases) {
      expect(() => one(sql), sql).toThrow(why);
      expect(() => one(sql)).toThrow(/^data source 'trips': the query .*; a query source must be one SELECT statement/);
    }
  });
});

describe("offline_store.statement_timeout", () => {
  const path = "/repo/feature_store.yaml";
  const timeout = (value: string) => {
    const config = parseRepoConfig(`project: p\noffline_store:\n  type: postgres\n${value}`, path).offlineStore;
    return config.type === "postgres" ? config.statementTimeoutMs : null;
  };
  it("defaults to 5 minutes and reads ms or durations", () => {
    expect(timeout("")).toBe(300_000);
    expect(timeout("  statement_timeout: 1500\n")).toBe(1500);
    expect(timeout("  statement_timeout: 30s\n")).toBe(30_000);
    expect(timeout("  statement_timeout: 2m\n")).toBe(120_000);
    expect(() => timeout("  statement_timeout: soon\n")).toThrow(
      /offline_store.statement_timeout 'soon' is not a duration/,
    );
  });
});
