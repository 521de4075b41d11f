/**
 * Parses Python source with tree-sitter's Python grammar compiled to WebAssembly: no Python
 * interpreter is needed and nothing is executed. The grammar (tree-sitter-python.wasm) is found
 * beside the running chunk in the built `pantry` package (scripts/release/build.mjs copies it
 * there), else in the tree-sitter-python npm package.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Node as SyntaxNode, Parser as TreeSitterParser } from "web-tree-sitter";
import { PantryError } from "../../errors";

export type { SyntaxNode };

const GRAMMAR_FILE = "tree-sitter-python.wasm";
let parserPromise: Promise<TreeSitterParser> | null = null;

function grammarPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, GRAMMAR_FILE), join(here, "..", GRAMMAR_FILE)]) {
    if (existsSync(candidate)) return candidate;
  }
  const bases = [import.meta.url, process.argv[1]].filter((b): b is string => Boolean(b));
  for (const base of bases) {
    try {
      return createRequire(base).resolve(`tree-sitter-python/${GRAMMAR_FILE}`);
    } catch {
      // try the next base
    }
  }
  throw new PantryError(
    "FAILED_PRECONDITION",
    `the Python grammar (${GRAMMAR_FILE}) is missing from this installation, so Feast's Python definitions cannot be read; reinstall pantry, or convert the repo to TypeScript on a machine that has it (pantry convert-feast-repo)`,
  );
}

async function openParser(): Promise<TreeSitterParser> {
  const { Parser, Language } = await import("web-tree-sitter");
  await Parser.init();
  const language = await Language.load(grammarPath());
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** The syntax tree of one Python file; a syntax error names the file and the line. */
export async function parsePython(text: string, file: string): Promise<SyntaxNode> {
  if (!parserPromise) {
    parserPromise = openParser();
    parserPromise.catch(() => {
      parserPromise = null;
    });
  }
  const parser = await parserPromise;
  const tree = parser.parse(text);
  if (!tree) throw new PantryError("INTERNAL", `${file}: the Python parser returned nothing`);
  const root = tree.rootNode;
  if (root.hasError) {
    const bad = firstError(root);
    const line = bad ? bad.startPosition.row + 1 : 1;
    throw new PantryError("INVALID_ARGUMENT", `${file}:${line}: this is not valid Python (a syntax error); fix it so Feast itself could load the file`, {
      file,
      line,
    });
  }
  return root;
}

function firstError(node: SyntaxNode): SyntaxNode | null {
  if (node.type === "ERROR" || node.isMissing) return node;
  for (const child of node.children) {
    if (child?.hasError || child?.isMissing || child?.type === "ERROR") {
      const found = firstError(child);
      if (found) return found;
    }
  }
  return null;
}
