/** A tiny TypeScript tokenizer for definition snippets: the code split into classed tokens. */
const KEYWORDS = new Set([
  "import",
  "from",
  "export",
  "const",
  "let",
  "new",
  "return",
  "function",
  "true",
  "false",
  "null",
  "undefined",
  "as",
  "type",
  "interface",
  "async",
  "await",
  "if",
  "else",
]);

export type TokenClass = "kw" | "str" | "num" | "com" | "type" | null;

export interface Token {
  text: string;
  cls: TokenClass;
}

const TOKEN =
  /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`)|(\b\d+(?:\.\d+)?\b)|([A-Za-z_$][\w$]*)/g;

export function tokenizeTypeScript(code: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of code.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) tokens.push({ text: code.slice(last, index), cls: null });
    const [text, comment, string, number, word] = match;
    let cls: TokenClass = null;
    if (comment) cls = "com";
    else if (string) cls = "str";
    else if (number) cls = "num";
    else if (word && KEYWORDS.has(word)) cls = "kw";
    else if (word && /^[A-Z]/.test(word)) cls = "type";
    tokens.push({ text, cls });
    last = index + text.length;
  }
  if (last < code.length) tokens.push({ text: code.slice(last), cls: null });
  return tokens;
}
