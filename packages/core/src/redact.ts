/**
 * The one redaction helper for text shown to people (the console's error formatter, the feature
 * server's error answers, the CLI): no password, token or connection-string secret ever leaves,
 * and, when the caller names the folders it may show, no absolute path outside them either.
 */

export interface RedactOptions {
  /**
   * Folders whose paths may be shown (the repo, the workspace). When given, any other absolute
   * path is replaced by `<path outside the repo>/<file name>`; when absent, paths are kept.
   */
  allowedRoots?: readonly string[];
}

const SECRET_RULES: readonly [RegExp, string][] = [
  // scheme://user:password@host -> scheme://user:***@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s'"]*:)[^@\s'"]+@/gi, "$1***@"],
  // ?password=x, &password=x, ,password=x (Feast's redis connection_string), password: x
  [
    /((?:^|[?&,;\s'"({])(?:password|passwd|pwd|sslpassword|secret|token|api_key|apikey)\s*[=:]\s*)[^,&;\s'")}]+/gi,
    "$1***",
  ],
  // Pantry bearer tokens, wherever they appear.
  [/\bpantry_[A-Za-z0-9_-]{20,}/g, "pantry_***"],
  // Authorization: Bearer x
  [/(\bBearer\s+)(?!<)[^\s,;'"]+/gi, "$1***"],
];

/** Absolute POSIX paths: start of text, or after a space, quote, bracket, '=' or ','. */
const ABSOLUTE_PATH = /(^|[\s'"`([=,])(\/(?:[^\s'"`()[\],;:]+\/?)+)/g;

export function redactSecrets(text: string, options: RedactOptions = {}): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_RULES) out = out.replace(pattern, replacement);
  const roots = options.allowedRoots?.map((r) => r.replace(/\/+$/, "")).filter((r) => r !== "");
  if (roots) {
    out = out.replace(ABSOLUTE_PATH, (whole, before: string, path: string) => {
      if (roots.some((root) => path === root || path.startsWith(`${root}/`))) return whole;
      const name = path.replace(/\/+$/, "").split("/").pop() ?? "";
      return `${before}<path outside the repo>${name ? `/${name}` : ""}`;
    });
  }
  return out;
}

/** redactSecrets over a structured value (error details): strings redacted, nesting kept, depth bounded. */
export function redactValue(value: unknown, options: RedactOptions = {}, depth = 0): unknown {
  if (typeof value === "string") return redactSecrets(value, options);
  if (depth > 5 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, options, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, options, depth + 1)]));
}
