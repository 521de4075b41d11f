/**
 * A PostgreSQL `query` source must be exactly one statement: it is pasted into
 * `SELECT ... FROM (<query>) AS s`, so a second statement or an unbalanced parenthesis would let
 * it run something else. This is a lexer, not a parser: it knows PostgreSQL's quoting (strings
 * with '' and E'\'' escapes, "identifiers", $tag$ dollar quotes $tag$, -- and nested block
 * comments), so a ';' or ')' inside any of those is text, not structure.
 */
import { PantryError } from "../../errors";

export interface SingleStatementOptions {
  /** What the query is, for messages ("data source 'trips'"). */
  what: string;
}

/**
 * The statement without a trailing ';' (and the whitespace/comments after it), or
 * INVALID_ARGUMENT when the text holds no statement, several, an unterminated quote or comment,
 * or parentheses that do not balance.
 */
export function singleStatement(sql: string, options: SingleStatementOptions): string {
  const fail = (why: string) =>
    new PantryError(
      "INVALID_ARGUMENT",
      `${options.what}: the query ${why}; a query source must be one SELECT statement (no ';' between statements)`,
      { problem: why },
    );
  if (sql.includes("\0")) throw fail("contains a NUL character");
  let depth = 0;
  let end = -1; // index of the top-level ';' that ends the statement
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (end >= 0 && !/\s/.test(c) && !(c === "-" && next === "-") && !(c === "/" && next === "*")) {
      throw fail("holds more than one statement");
    }
    if (c === "-" && next === "-") {
      const eol = sql.indexOf("\n", i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === "/" && next === "*") {
      i = skipBlockComment(sql, i, fail);
    } else if (c === "'") {
      const escapes = i > 0 && /[eE]/.test(sql[i - 1] as string) && !/[A-Za-z0-9_$]/.test(sql[i - 2] ?? "");
      i = skipQuoted(sql, i, "'", escapes, fail);
    } else if (c === '"') {
      i = skipQuoted(sql, i, '"', false, fail);
    } else if (c === "$" && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? "")) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        if (close < 0) throw fail(`has an unterminated ${tag[0]} quote`);
        i = close + tag[0].length;
      } else i++;
    } else if (c === "(") {
      depth++;
      i++;
    } else if (c === ")") {
      depth--;
      if (depth < 0) throw fail("closes a parenthesis it never opened");
      i++;
    } else if (c === ";") {
      if (depth > 0) throw fail("has a ';' inside parentheses");
      end = i;
      i++;
    } else i++;
  }
  if (depth !== 0) throw fail("leaves a parenthesis open");
  const statement = (end >= 0 ? sql.slice(0, end) : sql).trim();
  if (statement === "" || isOnlyComments(statement)) throw fail("is empty");
  return statement;
}

function skipQuoted(
  sql: string,
  start: number,
  quote: string,
  backslashEscapes: boolean,
  fail: (why: string) => Error,
) {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === "\\") {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  throw fail(`has an unterminated ${quote === "'" ? "string" : "quoted identifier"}`);
}

function skipBlockComment(sql: string, start: number, fail: (why: string) => Error): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === "/" && sql[i + 1] === "*") {
      depth++;
      i += 2;
    } else if (sql[i] === "*" && sql[i + 1] === "/") {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  throw fail("has an unterminated /* comment");
}

function isOnlyComments(text: string): boolean {
  try {
    let i = 0;
    while (i < text.length) {
      if (/\s/.test(text[i] as string)) i++;
      else if (text.startsWith("--", i)) {
        const eol = text.indexOf("\n", i);
        i = eol < 0 ? text.length : eol + 1;
      } else if (text.startsWith("/*", i)) i = skipBlockComment(text, i, () => new Error("unterminated"));
      else return false;
    }
    return true;
  } catch {
    return false;
  }
}
